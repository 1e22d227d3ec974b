using System.Net;
using System.Net.Http.Headers;
using Roomcast.WebApi.Tests.Infrastructure;

namespace Roomcast.WebApi.Tests.Audience;

/// <summary>Leaving, the live viewer list, the attendance list, its numbers and its CSV export.</summary>
[Collection(AudienceCollection.Name)]
public sealed class AttendanceApiTests(RoomcastApiFactory api)
{
    private async Task<(TestUser Host, SessionDto Session)> LiveSessionAsync()
    {
        var (host, _, session) = await api.CreateHostWithSessionAsync();
        return (host, await api.StartSessionAsync(host, session.Id));
    }

    private HttpClient ClientOf(Guid userId, Guid libraryId, string name = "Viewer")
    {
        var client = api.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", Tokens.ForViewer(userId, libraryId, name));
        return client;
    }

    [Fact]
    public async Task LeavingClosesTheVisitAndIsHarmlessTwice()
    {
        var (host, session) = await LiveSessionAsync();
        var viewer = await api.CreateViewerAsync();
        await (await viewer.Client.PostAsync($"/v1/sessions/{session.Id}/join", null)).ShouldSucceedAsync();

        var first = await (await viewer.Client.PostAsync($"/v1/sessions/{session.Id}/leave", null)).ShouldSucceedAsync<LeaveDto>();
        var second = await (await viewer.Client.PostAsync($"/v1/sessions/{session.Id}/leave", null)).ShouldSucceedAsync<LeaveDto>();

        Assert.Equal((viewer.Id, true), (first.UserId, first.Left));
        Assert.False(second.Left);
        var viewers = await (await host.Client.GetAsync($"/v1/sessions/{session.Id}/viewers")).ShouldSucceedAsync<ListDto<ActiveViewerDto>>();
        Assert.Empty(viewers.Items);
        var record = Assert.Single((await (await host.Client.GetAsync($"/v1/sessions/{session.Id}/attendance"))
            .ShouldSucceedAsync<ListDto<AttendanceDto>>()).Items);
        Assert.Equal((viewer.Id, false, 1), (record.UserId, record.Present, record.Visits));
        Assert.NotNull(record.LastLeftAt);
    }

    [Fact]
    public async Task ViewersAndAttendanceArePagedNewestFirstWithoutGapsOrRepeats()
    {
        var (host, session) = await LiveSessionAsync();
        var ids = new List<Guid>();
        for (var i = 0; i < 25; i++)
        {
            var id = Guid.NewGuid();
            ids.Add(id);
            await (await ClientOf(id, session.LibraryId).PostAsync($"/v1/sessions/{session.Id}/join", null)).ShouldSucceedAsync();
        }

        foreach (var route in new[] { "viewers", "attendance" })
        {
            var seen = new List<Guid>();
            string? cursor = null;
            do
            {
                var page = await (await host.Client.GetAsync($"/v1/sessions/{session.Id}/{route}?limit=10" +
                    (cursor is null ? "" : $"&start_after={cursor}"))).ShouldSucceedAsync<ListDto<JsonUser>>();
                seen.AddRange(page.Items.Select(i => i.UserId));
                cursor = page.NextCursor;
            }
            while (cursor is not null);

            Assert.Equal(ids.AsEnumerable().Reverse(), seen);
        }
    }

    [Fact]
    public async Task StatsCountViewersOnlyAndTheirWatchTime()
    {
        var (host, session) = await LiveSessionAsync();
        await (await host.Client.PostAsync($"/v1/sessions/{session.Id}/join", null)).ShouldSucceedAsync();
        var viewers = Enumerable.Range(0, 3).Select(_ => ClientOf(Guid.NewGuid(), session.LibraryId)).ToList();
        foreach (var viewer in viewers)
        {
            await (await viewer.PostAsync($"/v1/sessions/{session.Id}/join", null)).ShouldSucceedAsync();
        }

        await (await viewers[0].PostAsync($"/v1/sessions/{session.Id}/leave", null)).ShouldSucceedAsync();

        var stats = await (await host.Client.GetAsync($"/v1/sessions/{session.Id}/attendance/stats")).ShouldSucceedAsync<AttendanceStatsDto>();
        Assert.Equal((3, 2, 3), (stats.UniqueViewers, stats.PresentViewers, stats.PeakConcurrentViewers));
        Assert.NotNull(stats.PeakAt);
        Assert.True(stats.TotalWatchSeconds >= 0 && stats.AverageWatchSeconds <= stats.TotalWatchSeconds);
    }

    [Fact]
    public async Task TheExportIsRfc4180CsvWithOneRowPerAttendeeAndNamesThatCannotRunAsFormulas()
    {
        var (host, session) = await LiveSessionAsync();
        const string Tricky = "=HYPERLINK(\"x\"), \"quoted\"";
        var trickyId = Guid.NewGuid();
        await (await ClientOf(trickyId, session.LibraryId, Tricky).PostAsync($"/v1/sessions/{session.Id}/join", null)).ShouldSucceedAsync();
        await (await ClientOf(Guid.NewGuid(), session.LibraryId, "Plain").PostAsync($"/v1/sessions/{session.Id}/join", null)).ShouldSucceedAsync();

        var response = await host.Client.GetAsync($"/v1/sessions/{session.Id}/attendance/export");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/csv", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("attendance-", response.Content.Headers.ContentDisposition?.FileName);
        var rows = Rfc4180.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal(["user_id", "display_name", "role", "first_joined_at", "last_left_at", "present", "visits", "watched_seconds"], rows[0]);
        Assert.Equal(3, rows.Count);
        var tricky = Assert.Single(rows, r => r[0] == trickyId.ToString());
        Assert.EndsWith(Tricky, tricky[1]);
        Assert.False(tricky[1].StartsWith('='), "a display name must not reach a spreadsheet as a formula");
        Assert.Equal(("viewer", "true", "1"), (tricky[2], tricky[5], tricky[6]));
    }

    [Fact]
    public async Task OnlyTheHostCoHostsAndAdminsReadTheAudience()
    {
        var (host, session) = await LiveSessionAsync();
        var viewer = await api.CreateViewerAsync();
        var moderator = await api.CreateViewerAsync();
        await (await host.Client.PostAsync($"/v1/sessions/{session.Id}/moderators", ApiJson.Body(new { UserId = moderator.Id }))).ShouldSucceedAsync();
        var admin = await api.AdminAsync();

        foreach (var route in new[] { "viewers", "attendance", "attendance/stats", "attendance/export" })
        {
            await (await viewer.Client.GetAsync($"/v1/sessions/{session.Id}/{route}")).ShouldFailAsync(HttpStatusCode.Forbidden, "forbidden");
            await (await moderator.Client.GetAsync($"/v1/sessions/{session.Id}/{route}")).ShouldFailAsync(HttpStatusCode.Forbidden, "forbidden");
            Assert.Equal(HttpStatusCode.OK, (await admin.Client.GetAsync($"/v1/sessions/{session.Id}/{route}")).StatusCode);
            Assert.Equal(HttpStatusCode.Unauthorized, (await api.Anonymous().GetAsync($"/v1/sessions/{session.Id}/{route}")).StatusCode);
            await (await host.Client.GetAsync($"/v1/sessions/{Guid.NewGuid()}/{route}")).ShouldFailAsync(HttpStatusCode.NotFound, "not_found");
        }

        await (await host.Client.GetAsync($"/v1/sessions/{session.Id}/attendance?limit=0")).ShouldFailAsync(HttpStatusCode.BadRequest, "validation_failed", "limit");
        await (await host.Client.GetAsync($"/v1/sessions/{session.Id}/attendance?start_after=nonsense"))
            .ShouldFailAsync(HttpStatusCode.BadRequest, "validation_failed", "start_after");
    }

    [Fact]
    public async Task EndingTheSessionClosesEveryVisit()
    {
        var (host, session) = await LiveSessionAsync();
        var viewer = ClientOf(Guid.NewGuid(), session.LibraryId);
        await (await viewer.PostAsync($"/v1/sessions/{session.Id}/join", null)).ShouldSucceedAsync();

        var ended = await (await host.Client.PostAsync($"/v1/sessions/{session.Id}/end", null)).ShouldSucceedAsync<SessionDto>();

        var record = await Eventually.MatchAsync(
            async () => Assert.Single((await (await host.Client.GetAsync($"/v1/sessions/{session.Id}/attendance"))
                .ShouldSucceedAsync<ListDto<AttendanceDto>>()).Items),
            r => !r.Present, TimeSpan.FromSeconds(10), "the visit to close at the end");
        Assert.Equal(ended.EndedAt, record.LastLeftAt);
        await (await viewer.PostAsync($"/v1/sessions/{session.Id}/join", null)).ShouldFailAsync(HttpStatusCode.Conflict, "session_not_live");
    }

    /// <summary>The user id both listings share.</summary>
    private sealed record JsonUser(Guid UserId);
}
