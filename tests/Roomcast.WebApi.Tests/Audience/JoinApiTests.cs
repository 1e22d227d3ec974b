using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using Microsoft.IdentityModel.Tokens;
using Roomcast.WebApi.Tests.Infrastructure;

namespace Roomcast.WebApi.Tests.Audience;

/// <summary>Joining a session for a LiveKit token, and the host's hidden monitor token.</summary>
[Collection(AudienceCollection.Name)]
public sealed class JoinApiTests(RoomcastApiFactory api)
{
    private async Task<(TestUser Host, SessionDto Session)> LiveSessionAsync(string visibility = "public", object? settings = null)
    {
        var (host, room) = await api.CreateHostWithRoomAsync(visibility);
        var created = await (await host.Client.PostAsync($"/v1/rooms/{room.Id}/sessions", ApiJson.Body(new
        {
            Name = "Audience " + Guid.NewGuid().ToString("N")[..6],
            ScheduledAt = DateTimeOffset.UtcNow.AddHours(1),
            Settings = settings,
        }))).ShouldSucceedAsync<SessionDto>(HttpStatusCode.Created);
        return (host, await api.StartSessionAsync(host, created.Id));
    }

    private HttpClient ClientOf(string token)
    {
        var client = api.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    private static JsonElement PayloadOf(string jwt) =>
        JsonDocument.Parse(Base64UrlEncoder.Decode(jwt.Split('.')[1])).RootElement;

    [Fact]
    public async Task AViewerGetsASubscribeOnlyLiveKitTokenForTheSessionsRoom()
    {
        var (_, session) = await LiveSessionAsync();
        var viewer = await api.CreateViewerAsync();

        var join = await (await viewer.Client.PostAsync($"/v1/sessions/{session.Id}/join", null)).ShouldSucceedAsync<JoinDto>();

        Assert.Equal(($"session-{session.Id:D}", viewer.Id.ToString(), "viewer"), (join.RoomName, join.Identity, join.Role));
        Assert.Equal(new RightsDto(CanPublish: false, CanSubscribe: true, CanPublishData: false, Hidden: false), join.Permissions);
        Assert.False(string.IsNullOrEmpty(join.LivekitUrl));
        var claims = PayloadOf(join.Token);
        Assert.Equal(viewer.Id.ToString(), claims.GetProperty("sub").GetString());
        Assert.Equal("Test viewer", claims.GetProperty("name").GetString());
        var video = claims.GetProperty("video");
        Assert.Equal(join.RoomName, video.GetProperty("room").GetString());
        Assert.True(video.GetProperty("roomJoin").GetBoolean());
        Assert.False(video.GetProperty("canPublish").GetBoolean());
        Assert.True(video.GetProperty("canSubscribe").GetBoolean());
        Assert.Equal(join.ExpiresAt.ToUnixTimeSeconds(), claims.GetProperty("exp").GetInt64());
    }

    [Fact]
    public async Task TheHostAndCoHostsPublishAndAJoinAgainIsTheSameAttendee()
    {
        var (host, session) = await LiveSessionAsync("private");
        var coHost = await api.CreateHostAsync();
        await (await host.Client.PostAsync($"/v1/sessions/{session.Id}/co_hosts", ApiJson.Body(new { UserId = coHost.Id }))).ShouldSucceedAsync();

        var hostJoin = await (await host.Client.PostAsync($"/v1/sessions/{session.Id}/join", null)).ShouldSucceedAsync<JoinDto>();
        var coHostJoin = await (await coHost.Client.PostAsync($"/v1/sessions/{session.Id}/join", null)).ShouldSucceedAsync<JoinDto>();
        var again = await (await coHost.Client.PostAsync($"/v1/sessions/{session.Id}/join", null)).ShouldSucceedAsync<JoinDto>();

        Assert.Equal(("host", true), (hostJoin.Role, hostJoin.Permissions.CanPublish));
        Assert.Equal(("co_host", true, false), (coHostJoin.Role, coHostJoin.Permissions.CanPublish, coHostJoin.Rejoined));
        Assert.True(again.Rejoined);
        var attendance = await (await host.Client.GetAsync($"/v1/sessions/{session.Id}/attendance")).ShouldSucceedAsync<ListDto<AttendanceDto>>();
        Assert.Equal(2, attendance.Items.Count);
        Assert.All(attendance.Items, a => Assert.Equal(1, a.Visits));
    }

    [Fact]
    public async Task JoiningASessionThatIsNotLiveIsAConflictNamingItsState()
    {
        var (host, _, session) = await api.CreateHostWithSessionAsync();

        var error = await (await host.Client.PostAsync($"/v1/sessions/{session.Id}/join", null))
            .ShouldFailAsync(HttpStatusCode.Conflict, "session_not_live");

        Assert.Equal("scheduled", error.MessageOf("state"));
    }

    [Fact]
    public async Task APrivateSessionIsNotFoundForThoseWhoMayNotSeeItAndAnonymousCallersAreUnauthorized()
    {
        var (_, session) = await LiveSessionAsync("private");
        var stranger = await api.CreateViewerAsync();

        await (await stranger.Client.PostAsync($"/v1/sessions/{session.Id}/join", null)).ShouldFailAsync(HttpStatusCode.NotFound, "not_found");
        await (await stranger.Client.PostAsync($"/v1/sessions/{Guid.NewGuid()}/join", null)).ShouldFailAsync(HttpStatusCode.NotFound, "not_found");
        Assert.Equal(HttpStatusCode.Unauthorized, (await api.Anonymous().PostAsync($"/v1/sessions/{session.Id}/join", null)).StatusCode);
        await (await stranger.Client.PostAsync("/v1/sessions/not-an-id/join", null)).ShouldFailAsync(HttpStatusCode.BadRequest, "validation_failed");
    }

    [Fact]
    public async Task ACappedSessionTurnsAwayTheViewerOverItsCap()
    {
        var (host, session) = await LiveSessionAsync(settings: new { MaxViewers = 2 });
        var library = (await api.GetSessionAsync(host, session.Id)).LibraryId;
        Assert.Equal(2, session.Settings.MaxViewers);

        foreach (var _ in Enumerable.Range(0, 2))
        {
            await (await ClientOf(Tokens.ForViewer(Guid.NewGuid(), library)).PostAsync($"/v1/sessions/{session.Id}/join", null)).ShouldSucceedAsync();
        }

        var error = await (await ClientOf(Tokens.ForViewer(Guid.NewGuid(), library)).PostAsync($"/v1/sessions/{session.Id}/join", null))
            .ShouldFailAsync(HttpStatusCode.Conflict, "session_full");
        Assert.Equal("2", error.MessageOf("max_viewers"));
        await (await host.Client.PostAsync($"/v1/sessions/{session.Id}/join", null)).ShouldSucceedAsync();

        // Lifting the cap (0) lets the next one in.
        await (await host.Client.PatchAsync($"/v1/sessions/{session.Id}/settings", ApiJson.Body(new { MaxViewers = 0 }))).ShouldSucceedAsync();
        await (await ClientOf(Tokens.ForViewer(Guid.NewGuid(), library)).PostAsync($"/v1/sessions/{session.Id}/join", null)).ShouldSucceedAsync();
    }

    [Fact]
    public async Task FiveHundredViewersJoiningAtOnceAreFiveHundredAttendeesWithAPeakOfFiveHundred()
    {
        var (host, session) = await LiveSessionAsync();
        var clients = Enumerable.Range(0, 500).Select(_ => ClientOf(Tokens.ForViewer(Guid.NewGuid(), session.LibraryId))).ToList();

        var responses = await Task.WhenAll(clients.Select(c => c.PostAsync($"/v1/sessions/{session.Id}/join", null)));

        Assert.All(responses, r => Assert.Equal(HttpStatusCode.OK, r.StatusCode));
        var stats = await (await host.Client.GetAsync($"/v1/sessions/{session.Id}/attendance/stats")).ShouldSucceedAsync<AttendanceStatsDto>();
        Assert.Equal((500, 500, 500), (stats.UniqueViewers, stats.PresentViewers, stats.PeakConcurrentViewers));
    }

    [Fact]
    public async Task AHundredJoinsAtOnceByOneViewerAreOneAttendee()
    {
        var (host, session) = await LiveSessionAsync();
        var viewer = ClientOf(Tokens.ForViewer(Guid.NewGuid(), session.LibraryId));

        var joins = await Task.WhenAll(Enumerable.Range(0, 100).Select(_ => viewer.PostAsync($"/v1/sessions/{session.Id}/join", null)));

        Assert.All(joins, r => Assert.Equal(HttpStatusCode.OK, r.StatusCode));
        var rejoined = 0;
        foreach (var join in joins)
        {
            rejoined += (await join.ShouldSucceedAsync<JoinDto>()).Rejoined ? 1 : 0;
        }

        Assert.Equal(99, rejoined);
        var attendance = await (await host.Client.GetAsync($"/v1/sessions/{session.Id}/attendance")).ShouldSucceedAsync<ListDto<AttendanceDto>>();
        Assert.Equal(1, Assert.Single(attendance.Items).Visits);
    }

    [Fact]
    public async Task NoTokenIsIssuedOnceABanIsAcknowledged()
    {
        var (host, session) = await LiveSessionAsync();
        var target = await api.CreateViewerAsync();
        using var stop = new CancellationTokenSource();
        var acknowledgedAtSeconds = long.MaxValue / 2;
        var issuedAfterBan = 0;

        async Task JoinRepeatedlyAsync()
        {
            while (!stop.IsCancellationRequested)
            {
                var response = await target.Client.PostAsync($"/v1/sessions/{session.Id}/join", null);
                if (response.StatusCode == HttpStatusCode.OK)
                {
                    var join = await response.ShouldSucceedAsync<JoinDto>();
                    if (PayloadOf(join.Token).GetProperty("nbf").GetInt64() > Interlocked.Read(ref acknowledgedAtSeconds) + 1)
                    {
                        Interlocked.Increment(ref issuedAfterBan);
                    }
                }
                else
                {
                    await response.ShouldFailAsync(HttpStatusCode.Forbidden, "banned");
                }
            }
        }

        var joiners = Enumerable.Range(0, 8).Select(_ => Task.Run(JoinRepeatedlyAsync)).ToList();
        await Task.Delay(200); // joins in flight when the ban lands
        await (await host.Client.PostAsync($"/v1/sessions/{session.Id}/bans", ApiJson.Body(new { UserId = target.Id, Reason = "test" })))
            .ShouldSucceedAsync<BanDto>();
        Interlocked.Exchange(ref acknowledgedAtSeconds, DateTimeOffset.UtcNow.ToUnixTimeSeconds());

        // Every join started after the acknowledgement is refused.
        var after = await Task.WhenAll(Enumerable.Range(0, 20).Select(_ => target.Client.PostAsync($"/v1/sessions/{session.Id}/join", null)));
        await stop.CancelAsync();
        await Task.WhenAll(joiners);

        Assert.All(after, r => Assert.Equal(HttpStatusCode.Forbidden, r.StatusCode));
        Assert.Equal(0, issuedAfterBan);
    }

    [Fact]
    public async Task TheHostGetsAHiddenSubscribeOnlyMonitorTokenThatCoHostsDoNot()
    {
        var (host, session) = await LiveSessionAsync();
        var coHost = await api.CreateHostAsync();
        await (await host.Client.PostAsync($"/v1/sessions/{session.Id}/co_hosts", ApiJson.Body(new { UserId = coHost.Id }))).ShouldSucceedAsync();

        var monitor = await (await host.Client.PostAsync($"/v1/sessions/{session.Id}/monitor_token", null)).ShouldSucceedAsync<JoinDto>();

        Assert.Equal(new RightsDto(CanPublish: false, CanSubscribe: true, CanPublishData: false, Hidden: true), monitor.Permissions);
        Assert.NotEqual(host.Id.ToString(), monitor.Identity);
        Assert.True(PayloadOf(monitor.Token).GetProperty("video").GetProperty("hidden").GetBoolean());
        await (await coHost.Client.PostAsync($"/v1/sessions/{session.Id}/monitor_token", null)).ShouldFailAsync(HttpStatusCode.Forbidden, "forbidden");
        var admin = await api.AdminAsync();
        await (await admin.Client.PostAsync($"/v1/sessions/{session.Id}/monitor_token", null)).ShouldSucceedAsync<JoinDto>();
    }

    [Fact]
    public async Task AMonitorTokenNeedsALiveSession()
    {
        var (host, _, session) = await api.CreateHostWithSessionAsync();

        await (await host.Client.PostAsync($"/v1/sessions/{session.Id}/monitor_token", null))
            .ShouldFailAsync(HttpStatusCode.Conflict, "session_not_live");
    }

    [Fact]
    public async Task TheLibraryScopedJoinIsTheSameHandler()
    {
        var (_, session) = await LiveSessionAsync();
        var viewer = await api.CreateViewerAsync();

        var join = await (await viewer.Client.PostAsync($"/v1/libraries/{session.LibraryId}/sessions/{session.Id}/join", null))
            .ShouldSucceedAsync<JoinDto>();

        Assert.Equal(viewer.Id.ToString(), join.Identity);
        var other = Guid.NewGuid();
        await (await viewer.Client.PostAsync($"/v1/libraries/{other}/sessions/{session.Id}/join", null)).ShouldFailAsync(HttpStatusCode.NotFound, "not_found");
    }
}
