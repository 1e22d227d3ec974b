using System.Net;
using Roomcast.WebApi.Tests.Infrastructure;

namespace Roomcast.WebApi.Tests;

[Collection(ListingsCollection.Name)]
public sealed class ListingsTests(RoomcastApiFactory api)
{
    [Fact]
    public async Task RoomSessionsPageForwardAndBackWithoutDuplicates()
    {
        var (host, room) = await api.CreateHostWithRoomAsync();
        var created = new List<Guid>();
        for (var i = 0; i < 5; i++)
        {
            created.Add((await api.CreateSessionAsync(host, room.Id, name: $"Part {i}")).Id);
        }

        var page1 = await ListAsync(host, $"/v1/rooms/{room.Id}/sessions?limit=2");
        Assert.Equal(2, page1.Items.Count);
        Assert.Equal(2, page1.Limit);
        Assert.NotNull(page1.NextCursor);
        Assert.Null(page1.PrevCursor);

        var page2 = await ListAsync(host, $"/v1/rooms/{room.Id}/sessions?limit=2&start_after={page1.NextCursor}");
        Assert.Equal(2, page2.Items.Count);
        Assert.NotNull(page2.NextCursor);
        Assert.NotNull(page2.PrevCursor);

        var page3 = await ListAsync(host, $"/v1/rooms/{room.Id}/sessions?limit=2&start_after={page2.NextCursor}");
        Assert.Single(page3.Items);
        Assert.Null(page3.NextCursor);
        Assert.NotNull(page3.PrevCursor);

        var forward = page1.Items.Concat(page2.Items).Concat(page3.Items).Select(s => s.Id).ToList();
        Assert.Equal(5, forward.Distinct().Count());
        Assert.Equal(Enumerable.Reverse(created), forward); // newest first

        var back = await ListAsync(host, $"/v1/rooms/{room.Id}/sessions?limit=2&end_before={page3.PrevCursor}");
        Assert.Equal(page2.Items.Select(s => s.Id), back.Items.Select(s => s.Id));
        Assert.NotNull(back.PrevCursor);

        var first = await ListAsync(host, $"/v1/rooms/{room.Id}/sessions?limit=2&end_before={back.PrevCursor}");
        Assert.Equal(page1.Items.Select(s => s.Id), first.Items.Select(s => s.Id));
        Assert.Null(first.PrevCursor);
    }

    [Fact]
    public async Task RoomSessionsFilterByStateTypeAndTitleIgnoringCase()
    {
        var (host, room) = await api.CreateHostWithRoomAsync();
        var live = await api.CreateSessionAsync(host, room.Id, name: "Morning Standup", type: "meeting");
        var webinar = await api.CreateSessionAsync(host, room.Id, name: "Quarterly webinar", type: "webinar");
        var cancelled = await api.CreateSessionAsync(host, room.Id, name: "Evening standup");
        await api.StartSessionAsync(host, live.Id);
        await (await host.Client.PostAsync($"/v1/sessions/{cancelled.Id}/cancel", null)).ShouldSucceedAsync<SessionDto>();

        Assert.Equal([live.Id], await IdsAsync(host, $"/v1/rooms/{room.Id}/sessions?state=live"));
        Assert.Equal([cancelled.Id, live.Id], await IdsAsync(host, $"/v1/rooms/{room.Id}/sessions?state=live,cancelled"));
        Assert.Equal([webinar.Id], await IdsAsync(host, $"/v1/rooms/{room.Id}/sessions?type=webinar"));
        Assert.Equal([cancelled.Id, live.Id], await IdsAsync(host, $"/v1/rooms/{room.Id}/sessions?title=STANDUP"));
        Assert.Equal([cancelled.Id], await IdsAsync(host, $"/v1/rooms/{room.Id}/sessions?title=standup&state=cancelled"));
        Assert.Empty(await IdsAsync(host, $"/v1/rooms/{room.Id}/sessions?title=standup&type=webinar"));
    }

    [Fact]
    public async Task SessionsListFiltersAcrossRoomsByTitle()
    {
        var tag = Guid.NewGuid().ToString("N")[..12];
        var host = await api.CreateHostAsync();
        var roomA = await api.CreateRoomAsync(host);
        var roomB = await api.CreateRoomAsync(host);
        var a = await api.CreateSessionAsync(host, roomA.Id, name: $"A {tag}");
        var b = await api.CreateSessionAsync(host, roomB.Id, name: $"B {tag.ToUpperInvariant()}");

        Assert.Equal([b.Id, a.Id], await IdsAsync(host, $"/v1/sessions?title={tag}"));
    }

    [Fact]
    public async Task PrivateSessionsOfOthersAreHiddenFromListings()
    {
        var tag = Guid.NewGuid().ToString("N")[..12];
        var (owner, room) = await api.CreateHostWithRoomAsync();
        var open = await api.CreateSessionAsync(owner, room.Id, name: $"Open {tag}");
        var hidden = await api.CreateSessionAsync(owner, room.Id, name: $"Hidden {tag}", visibility: "private");
        var other = await api.CreateHostAsync();
        var viewer = await api.CreateViewerAsync();
        var admin = await api.AdminAsync();

        Assert.Equal([open.Id], await IdsAsync(other, $"/v1/rooms/{room.Id}/sessions"));
        Assert.Equal([open.Id], await IdsAsync(viewer, $"/v1/sessions?title={tag}"));
        Assert.Equal([hidden.Id, open.Id], await IdsAsync(owner, $"/v1/rooms/{room.Id}/sessions"));
        Assert.Equal([hidden.Id, open.Id], await IdsAsync(owner, $"/v1/sessions?title={tag}"));
        Assert.Equal([hidden.Id, open.Id], await IdsAsync(admin, $"/v1/sessions?title={tag}"));
    }

    [Fact]
    public async Task SessionsOfPrivateRoomOfAnotherHostAre404()
    {
        var (_, room) = await api.CreateHostWithRoomAsync("private");
        var other = await api.CreateHostAsync();
        await (await other.Client.GetAsync($"/v1/rooms/{room.Id}/sessions")).ShouldFailAsync(HttpStatusCode.NotFound, "not_found");
    }

    [Fact]
    public async Task SessionsOfUnknownRoomAre404()
    {
        var viewer = await api.CreateViewerAsync();
        await (await viewer.Client.GetAsync($"/v1/rooms/{Guid.NewGuid()}/sessions")).ShouldFailAsync(HttpStatusCode.NotFound, "not_found");
    }

    [Fact]
    public async Task SessionsOfMalformedRoomIdAre400()
    {
        var viewer = await api.CreateViewerAsync();
        await (await viewer.Client.GetAsync("/v1/rooms/zzz/sessions")).ShouldFailAsync(HttpStatusCode.BadRequest, "validation_failed", field: "room_id");
    }

    [Fact]
    public async Task LiveListsAStartedSessionAndNotScheduledOnes()
    {
        var tag = Guid.NewGuid().ToString("N")[..12];
        var (host, room) = await api.CreateHostWithRoomAsync();
        var live = await api.CreateSessionAsync(host, room.Id, name: $"Live {tag}");
        await api.CreateSessionAsync(host, room.Id, name: $"Later {tag}");
        await api.StartSessionAsync(host, live.Id);
        var viewer = await api.CreateViewerAsync();

        var list = await ListAsync(viewer, $"/v1/sessions/live?title={tag}");

        var only = Assert.Single(list.Items);
        Assert.Equal((live.Id, "live"), (only.Id, only.State));
    }

    [Fact]
    public async Task LiveHidesPrivateLiveSessionsOfOthers()
    {
        var tag = Guid.NewGuid().ToString("N")[..12];
        var (host, room) = await api.CreateHostWithRoomAsync();
        var hidden = await api.CreateSessionAsync(host, room.Id, name: $"Hidden {tag}", visibility: "private");
        await api.StartSessionAsync(host, hidden.Id);
        var viewer = await api.CreateViewerAsync();

        Assert.Empty((await ListAsync(viewer, $"/v1/sessions/live?title={tag}")).Items);
        Assert.Single((await ListAsync(host, $"/v1/sessions/live?title={tag}")).Items);
    }

    [Fact]
    public async Task LiveRejectsStateFilter()
    {
        var viewer = await api.CreateViewerAsync();
        await (await viewer.Client.GetAsync("/v1/sessions/live?state=ended")).ShouldFailAsync(HttpStatusCode.BadRequest, "validation_failed", field: "state");
    }

    [Theory]
    [InlineData("limit=0", "limit")]
    [InlineData("limit=101", "limit")]
    [InlineData("limit=abc", "limit")]
    [InlineData("limit=1.5", "limit")]
    [InlineData("start_after=not-a-cursor", "start_after")]
    [InlineData("end_before=bm90LWEtY3Vyc29y", "end_before")]
    [InlineData("start_after=x&end_before=y", "end_before")]
    [InlineData("state=paused", "state")]
    [InlineData("type=concert", "type")]
    [InlineData("host_id=12", "host_id")]
    [InlineData("created_from=yesterday", "created_from")]
    [InlineData("scheduled_to=31/12/2030", "scheduled_to")]
    public async Task SessionListingsRejectBadQueryNamingTheParameter(string query, string field)
    {
        var (host, room) = await api.CreateHostWithRoomAsync();
        foreach (var path in new[] { "/v1/sessions", "/v1/sessions/live", $"/v1/rooms/{room.Id}/sessions" })
        {
            if (path.EndsWith("/live") && field == "state")
            {
                continue;
            }

            await (await host.Client.GetAsync($"{path}?{query}")).ShouldFailAsync(HttpStatusCode.BadRequest, "validation_failed", field: field);
        }
    }

    [Fact]
    public async Task SessionListingsAcceptLimitsOneAndHundred()
    {
        var (host, room, _) = await api.CreateHostWithSessionAsync();
        Assert.Equal(1, (await ListAsync(host, $"/v1/rooms/{room.Id}/sessions?limit=1")).Limit);
        Assert.Equal(100, (await ListAsync(host, $"/v1/rooms/{room.Id}/sessions?limit=100")).Limit);
        Assert.Equal(10, (await ListAsync(host, $"/v1/rooms/{room.Id}/sessions")).Limit);
    }

    [Theory]
    [InlineData("/v1/sessions")]
    [InlineData("/v1/sessions/live")]
    [InlineData("/v1/sessions/stats")]
    public async Task SessionListingsWithoutTokenAre401(string path) =>
        await (await api.Anonymous().GetAsync(path)).ShouldFailAsync(HttpStatusCode.Unauthorized, "unauthorized");

    [Fact]
    public async Task RoomSessionsWithoutTokenAre401()
    {
        var (_, room) = await api.CreateHostWithRoomAsync();
        await (await api.Anonymous().GetAsync($"/v1/rooms/{room.Id}/sessions")).ShouldFailAsync(HttpStatusCode.Unauthorized, "unauthorized");
    }

    // --- stats --------------------------------------------------------------------------------------

    [Fact]
    public async Task StatsCountAFreshHostsSessionsByState()
    {
        var (host, room) = await api.CreateHostWithRoomAsync();
        await api.CreateSessionAsync(host, room.Id);
        var live = await api.CreateSessionAsync(host, room.Id);
        var ended = await api.CreateSessionAsync(host, room.Id);
        var cancelled = await api.CreateSessionAsync(host, room.Id);
        await api.StartSessionAsync(host, live.Id);
        await api.StartSessionAsync(host, ended.Id);
        await (await host.Client.PostAsync($"/v1/sessions/{ended.Id}/end", null)).ShouldSucceedAsync<SessionDto>();
        await (await host.Client.PostAsync($"/v1/sessions/{cancelled.Id}/cancel", null)).ShouldSucceedAsync<SessionDto>();
        await api.CreateHostWithSessionAsync(); // someone else's, not counted

        var stats = await (await host.Client.GetAsync("/v1/sessions/stats")).ShouldSucceedAsync<StatsDto>();

        Assert.Equal(new StatsDto(4, 1, 1, 1, 1, 0, stats.TotalLiveSeconds), stats);
        Assert.True(stats.TotalLiveSeconds >= 0);
    }

    [Fact]
    public async Task StatsOfAFreshHostAreZero()
    {
        var host = await api.CreateHostAsync();
        var stats = await (await host.Client.GetAsync("/v1/sessions/stats")).ShouldSucceedAsync<StatsDto>();
        Assert.Equal(new StatsDto(0, 0, 0, 0, 0, 0, 0), stats);
    }

    [Fact]
    public async Task AdminReadsOneHostsStatsWithHostId()
    {
        var (host, room) = await api.CreateHostWithRoomAsync();
        await api.CreateSessionAsync(host, room.Id);
        await api.CreateSessionAsync(host, room.Id);
        var admin = await api.AdminAsync();

        var stats = await (await admin.Client.GetAsync($"/v1/sessions/stats?host_id={host.Id}")).ShouldSucceedAsync<StatsDto>();

        Assert.Equal((2, 2), (stats.Total, stats.Scheduled));
    }

    [Fact]
    public async Task StatsWithHostIdAreForbiddenToHosts()
    {
        var host = await api.CreateHostAsync();
        var other = await api.CreateHostAsync();
        await (await host.Client.GetAsync($"/v1/sessions/stats?host_id={other.Id}")).ShouldFailAsync(HttpStatusCode.Forbidden, "forbidden");
    }

    [Fact]
    public async Task StatsAreForbiddenToViewers()
    {
        var viewer = await api.CreateViewerAsync();
        await (await viewer.Client.GetAsync("/v1/sessions/stats")).ShouldFailAsync(HttpStatusCode.Forbidden, "forbidden");
    }

    [Fact]
    public async Task StatsRejectMalformedHostId()
    {
        var admin = await api.AdminAsync();
        await (await admin.Client.GetAsync("/v1/sessions/stats?host_id=abc")).ShouldFailAsync(HttpStatusCode.BadRequest, "validation_failed", field: "host_id");
    }

    private static async Task<ListDto<SessionDto>> ListAsync(TestUser user, string path) =>
        await (await user.Client.GetAsync(path)).ShouldSucceedAsync<ListDto<SessionDto>>();

    private static async Task<Guid[]> IdsAsync(TestUser user, string path) =>
        [.. (await ListAsync(user, path)).Items.Select(s => s.Id)];
}
