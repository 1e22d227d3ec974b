using System.Net;
using Roomcast.WebApi.Tests.Infrastructure;
using Roomcast.Testing.LiveKit;

namespace Roomcast.WebApi.Tests.Audience;

/// <summary>Bans: who may ban whom, what a ban does (no token, out of the LiveKit room), and how it ends.</summary>
[Collection(AudienceCollection.Name)]
public sealed class BansApiTests(RoomcastApiFactory api)
{
    private async Task<(TestUser Host, SessionDto Session)> LiveSessionAsync(string visibility = "public")
    {
        var (host, _, session) = await api.CreateHostWithSessionAsync(visibility);
        return (host, await api.StartSessionAsync(host, session.Id));
    }

    private static Task<HttpResponseMessage> BanAsync(TestUser by, Guid sessionId, object body) =>
        by.Client.PostAsync($"/v1/sessions/{sessionId}/bans", ApiJson.Body(body));

    [Fact]
    public async Task ABannedViewerIsRemovedFromTheRoomRefusedATokenAndToldSo()
    {
        var (host, session) = await LiveSessionAsync();
        var viewer = await api.CreateViewerAsync();
        await (await viewer.Client.PostAsync($"/v1/sessions/{session.Id}/join", null)).ShouldSucceedAsync();

        var ban = await (await BanAsync(host, session.Id, new { UserId = viewer.Id, Reason = "spam", DurationSeconds = 600 })).ShouldSucceedAsync<BanDto>();

        Assert.Equal((viewer.Id, "spam", host.Id), (ban.UserId, ban.Reason, ban.BannedBy));
        Assert.Equal(TimeSpan.FromSeconds(600), ban.ExpiresAt - ban.BannedAt);
        Assert.Contains(api.LiveKit.Calls, c => c.Method == "RemoveParticipant" && c.Authorized
            && c.BodyString("identity") == viewer.Id.ToString() && c.BodyString("room") == $"session-{session.Id:D}");
        await (await viewer.Client.PostAsync($"/v1/sessions/{session.Id}/join", null)).ShouldFailAsync(HttpStatusCode.Forbidden, "banned");
        var status = await (await viewer.Client.GetAsync($"/v1/sessions/{session.Id}/bans/me")).ShouldSucceedAsync<BanStatusDto>();
        Assert.True(status.Banned);
        Assert.Equal(ban, status.Ban);
        var listed = await (await host.Client.GetAsync($"/v1/sessions/{session.Id}/bans")).ShouldSucceedAsync<ListDto<BanDto>>();
        Assert.Equal(viewer.Id, Assert.Single(listed.Items).UserId);
        var record = Assert.Single((await (await host.Client.GetAsync($"/v1/sessions/{session.Id}/attendance"))
            .ShouldSucceedAsync<ListDto<AttendanceDto>>()).Items);
        Assert.False(record.Present);
    }

    [Fact]
    public async Task BanningTwiceIsOneBanAndUnbanningLetsThemBackIn()
    {
        var (host, session) = await LiveSessionAsync();
        var viewer = await api.CreateViewerAsync();

        await (await BanAsync(host, session.Id, new { UserId = viewer.Id })).ShouldSucceedAsync<BanDto>();
        await (await BanAsync(host, session.Id, new { UserId = viewer.Id, Reason = "second thoughts" })).ShouldSucceedAsync<BanDto>();
        var bans = await (await host.Client.GetAsync($"/v1/sessions/{session.Id}/bans")).ShouldSucceedAsync<ListDto<BanDto>>();
        Assert.Equal("second thoughts", Assert.Single(bans.Items).Reason);

        var unbanned = await (await host.Client.DeleteAsync($"/v1/sessions/{session.Id}/bans/{viewer.Id}")).ShouldSucceedAsync<UnbannedDto>();

        Assert.True(unbanned.Unbanned);
        await (await viewer.Client.PostAsync($"/v1/sessions/{session.Id}/join", null)).ShouldSucceedAsync();
        var status = await (await viewer.Client.GetAsync($"/v1/sessions/{session.Id}/bans/me")).ShouldSucceedAsync<BanStatusDto>();
        Assert.False(status.Banned);
        Assert.Null(status.Ban);
        await (await host.Client.DeleteAsync($"/v1/sessions/{session.Id}/bans/{viewer.Id}")).ShouldFailAsync(HttpStatusCode.NotFound, "not_found");
    }

    [Fact]
    public async Task NobodyBansTheHostAndModeratorsBanOnlyBelowThem()
    {
        var (host, session) = await LiveSessionAsync();
        var coHost = await api.CreateHostAsync();
        var moderator = await api.CreateViewerAsync();
        var viewer = await api.CreateViewerAsync();
        await (await host.Client.PostAsync($"/v1/sessions/{session.Id}/co_hosts", ApiJson.Body(new { UserId = coHost.Id }))).ShouldSucceedAsync();
        await (await host.Client.PostAsync($"/v1/sessions/{session.Id}/moderators", ApiJson.Body(new { UserId = moderator.Id }))).ShouldSucceedAsync();
        var admin = await api.AdminAsync();

        await (await BanAsync(admin, session.Id, new { UserId = host.Id })).ShouldFailAsync(HttpStatusCode.BadRequest, "validation_failed", "user_id");
        await (await BanAsync(moderator, session.Id, new { UserId = coHost.Id })).ShouldFailAsync(HttpStatusCode.Forbidden, "forbidden");
        await (await BanAsync(coHost, session.Id, new { UserId = coHost.Id })).ShouldFailAsync(HttpStatusCode.Forbidden, "forbidden");
        await (await BanAsync(viewer, session.Id, new { UserId = moderator.Id })).ShouldFailAsync(HttpStatusCode.Forbidden, "forbidden");
        await (await BanAsync(moderator, session.Id, new { UserId = viewer.Id })).ShouldSucceedAsync<BanDto>();
        await (await BanAsync(coHost, session.Id, new { UserId = moderator.Id })).ShouldSucceedAsync<BanDto>();
    }

    [Fact]
    public async Task BadBansAreRefusedWithTheFieldNamed()
    {
        var (host, session) = await LiveSessionAsync();
        var outsiderLibrary = await api.CreateLibraryAsync("Bans elsewhere");
        var outsider = await api.CreateUserAsync("viewer", outsiderLibrary.Id);

        await (await BanAsync(host, session.Id, new { })).ShouldFailAsync(HttpStatusCode.BadRequest, "validation_failed", "user_id");
        await (await BanAsync(host, session.Id, new { UserId = Guid.NewGuid() })).ShouldFailAsync(HttpStatusCode.BadRequest, "validation_failed", "user_id");
        await (await BanAsync(host, session.Id, new { UserId = outsider.Id })).ShouldFailAsync(HttpStatusCode.BadRequest, "validation_failed", "user_id");
        await (await BanAsync(host, session.Id, new { UserId = outsider.Id, DurationSeconds = 0 }))
            .ShouldFailAsync(HttpStatusCode.BadRequest, "validation_failed", "duration_seconds");
        await (await BanAsync(host, session.Id, new { UserId = outsider.Id, Reason = new string('r', 501) }))
            .ShouldFailAsync(HttpStatusCode.BadRequest, "validation_failed", "reason");
        await (await BanAsync(host, Guid.NewGuid(), new { UserId = outsider.Id })).ShouldFailAsync(HttpStatusCode.NotFound, "not_found");
        Assert.Equal(HttpStatusCode.Unauthorized, (await api.Anonymous().PostAsync($"/v1/sessions/{session.Id}/bans", ApiJson.Body(new { UserId = host.Id }))).StatusCode);
    }

    [Fact]
    public async Task WhenLiveKitIsDownTheBanStillHoldsAndTheCallerIsToldToRetry()
    {
        var (host, session) = await LiveSessionAsync();
        var viewer = await api.CreateViewerAsync();

        // Calls that succeed first, so that the client's circuit breaker (half of at least 4 calls in 30 s failing)
        // stays closed through the outage below whatever ran before this test: the retry must reach LiveKit again.
        foreach (var _ in Enumerable.Range(0, 6))
        {
            await (await BanAsync(host, session.Id, new { UserId = viewer.Id })).ShouldSucceedAsync<BanDto>();
        }

        await (await host.Client.DeleteAsync($"/v1/sessions/{session.Id}/bans/{viewer.Id}")).ShouldSucceedAsync();
        api.LiveKit.FailAlways(FakeLiveKitFailure.Unavailable);
        try
        {
            var response = await BanAsync(host, session.Id, new { UserId = viewer.Id });
            await response.ShouldFailAsync(HttpStatusCode.ServiceUnavailable, "livekit_unavailable");
            Assert.NotNull(response.Headers.RetryAfter);
        }
        finally
        {
            api.LiveKit.FailAlways(null);
        }

        await (await viewer.Client.PostAsync($"/v1/sessions/{session.Id}/join", null)).ShouldFailAsync(HttpStatusCode.Forbidden, "banned");
        await (await BanAsync(host, session.Id, new { UserId = viewer.Id })).ShouldSucceedAsync<BanDto>();
    }
}
