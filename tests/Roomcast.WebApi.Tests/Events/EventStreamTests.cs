using System.Net;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Roomcast.Events;
using Roomcast.WebApi.Tests.Infrastructure;

namespace Roomcast.WebApi.Tests.Events;

/// <summary>GET /v1/sessions/{id}/events: what a client sees, what it gets back after a reconnect, and who is cut off.</summary>
[Collection(EventsCollection.Name)]
public sealed class EventStreamTests(EventsApiFactory api)
{
    private async Task<(TestUser Host, SessionDto Session)> LiveSessionAsync(string visibility = "public")
    {
        var (host, _, session) = await api.CreateHostWithSessionAsync(visibility);
        return (host, await api.StartSessionAsync(host, session.Id));
    }

    private ISessionEventsGrain Hub(Guid sessionId) =>
        api.Services.GetRequiredService<IGrainFactory>().GetGrain<ISessionEventsGrain>(sessionId);

    private static string Marker(int n) => JsonSerializer.Serialize(new { n });

    [Fact]
    public async Task AViewerSeesTheHeadCountABanAndTheEndInOrderThenTheStreamCloses()
    {
        var (host, session) = await LiveSessionAsync();
        var viewer = await api.CreateViewerAsync();
        var other = await api.CreateViewerAsync();
        await using var stream = await SseClient.OpenAsync(viewer.Client, $"/v1/sessions/{session.Id}/events");
        Assert.Equal(HttpStatusCode.OK, stream.Response.StatusCode);
        Assert.Equal("text/event-stream", stream.Response.Content.Headers.ContentType?.MediaType);

        await (await viewer.Client.PostAsync($"/v1/sessions/{session.Id}/join", null)).ShouldSucceedAsync();
        await (await other.Client.PostAsync($"/v1/sessions/{session.Id}/join", null)).ShouldSucceedAsync();
        var count = await stream.NextOfAsync(SessionEventTypes.Viewers);
        Assert.Contains("\"present_viewers\":", count.Data);
        await (await host.Client.PostAsync($"/v1/sessions/{session.Id}/bans", ApiJson.Body(new { UserId = other.Id }))).ShouldSucceedAsync();
        var banned = await stream.NextOfAsync(SessionEventTypes.ParticipantBanned);
        await (await host.Client.PostAsync($"/v1/sessions/{session.Id}/end", null)).ShouldSucceedAsync();
        var ended = await stream.NextOfAsync(SessionEventTypes.SessionState);

        Assert.Contains(other.Id.ToString(), banned.Data);
        Assert.Contains("\"state\":\"ended\"", ended.Data);
        Assert.Null(await stream.NextAsync());
        Assert.True(Web.SessionEventIdOrder(count.Id!, banned.Id!) && Web.SessionEventIdOrder(banned.Id!, ended.Id!));
    }

    [Fact]
    public async Task AClientThatReconnectsWithLastEventIdGetsExactlyWhatItMissed()
    {
        var (host, session) = await LiveSessionAsync();
        string seen;
        await using (var first = await SseClient.OpenAsync(host.Client, $"/v1/sessions/{session.Id}/events"))
        {
            await Hub(session.Id).PublishAsync(new SessionEventDraft("test.marker", Marker(0)));
            seen = (await first.NextOfAsync("test.marker")).Id!;
        }

        foreach (var n in Enumerable.Range(1, 5))
        {
            await Hub(session.Id).PublishAsync(new SessionEventDraft("test.marker", Marker(n)));
        }

        await using var again = await SseClient.OpenAsync(host.Client, $"/v1/sessions/{session.Id}/events", lastEventId: seen);
        var missed = new List<SseEvent>();
        for (var i = 0; i < 5; i++)
        {
            missed.Add(await again.NextOfAsync("test.marker"));
        }

        Assert.Equal(Enumerable.Range(1, 5).Select(Marker), missed.Select(e => e.Data));
        await Hub(session.Id).PublishAsync(new SessionEventDraft("test.marker", Marker(6)));
        Assert.Equal(Marker(6), (await again.NextOfAsync("test.marker")).Data);
    }

    [Fact]
    public async Task AnIdTheHubNoLongerHoldsIsAnsweredWithReload()
    {
        var (host, session) = await LiveSessionAsync();

        await using var stream = await SseClient.OpenAsync(host.Client, $"/v1/sessions/{session.Id}/events", lastEventId: "123-4");

        Assert.Equal(SessionEventTypes.Reload, (await stream.NextAsync())!.Type);
    }

    [Fact]
    public async Task IdleStreamsGetHeartbeatComments()
    {
        var (host, session) = await LiveSessionAsync();
        await using var stream = await SseClient.OpenAsync(host.Client, $"/v1/sessions/{session.Id}/events");

        // A real wait: the heartbeat is a property of idle time (EventsApiFactory sets it to 200 ms).
        await Task.Delay(TimeSpan.FromMilliseconds(900));
        await Hub(session.Id).PublishAsync(new SessionEventDraft("test.marker", Marker(1)));
        await stream.NextOfAsync("test.marker");

        Assert.True(stream.Comments >= 3, $"expected heartbeats while idle, got {stream.Comments} comment lines");
    }

    [Fact]
    public async Task AClientThatStopsReadingIsCutOffWithoutSlowingTheOthers()
    {
        var (host, session) = await LiveSessionAsync();
        var reader = await api.CreateViewerAsync();
        await using var stalled = await SseClient.OpenAsync(host.Client, $"/v1/sessions/{session.Id}/events");
        await using var reading = await SseClient.OpenAsync(reader.Client, $"/v1/sessions/{session.Id}/events");

        // Published in batches the reading client keeps up with; the stalled one reads nothing, so once the transport's
        // own buffer is full its queue overflows. 3,000 small events are well beyond the test server's response buffer.
        const int Total = 3000;
        const int Batch = EventsApiFactory.ClientBuffer / 2;
        var got = new List<string>();
        for (var n = 0; n < Total; n += Batch)
        {
            foreach (var i in Enumerable.Range(n, Batch))
            {
                await Hub(session.Id).PublishAsync(new SessionEventDraft("test.marker", Marker(i)));
            }

            while (got.Count < n + Batch)
            {
                got.Add((await reading.NextOfAsync("test.marker")).Data);
            }
        }

        Assert.Equal(Enumerable.Range(0, Total).Select(Marker), got);

        // The stalled one was cut off at its buffer: it reads what was queued, then the end.
        var stalledGot = 0;
        while (await stalled.NextAsync() is { } next)
        {
            stalledGot += next.Type == "test.marker" ? 1 : 0;
        }

        Assert.InRange(stalledGot, 1, Total - 1);
    }

    [Fact]
    public async Task ABannedViewersStreamClosesAndTheyCannotOpenAnother()
    {
        var (host, session) = await LiveSessionAsync();
        var viewer = await api.CreateViewerAsync();
        await using var stream = await SseClient.OpenAsync(viewer.Client, $"/v1/sessions/{session.Id}/events");

        await (await host.Client.PostAsync($"/v1/sessions/{session.Id}/bans", ApiJson.Body(new { UserId = viewer.Id }))).ShouldSucceedAsync();

        await stream.NextOfAsync(SessionEventTypes.ParticipantBanned);
        Assert.Null(await stream.NextAsync());
        await (await viewer.Client.GetAsync($"/v1/sessions/{session.Id}/events")).ShouldFailAsync(HttpStatusCode.Forbidden, "banned");
    }

    [Fact]
    public async Task StreamsFollowTheSessionsVisibilityAndState()
    {
        var (_, session) = await LiveSessionAsync("private");
        var stranger = await api.CreateViewerAsync();
        var (host, _, ended) = await api.CreateHostWithSessionAsync();
        await (await host.Client.PostAsync($"/v1/sessions/{ended.Id}/cancel", null)).ShouldSucceedAsync();

        await (await stranger.Client.GetAsync($"/v1/sessions/{session.Id}/events")).ShouldFailAsync(HttpStatusCode.NotFound, "not_found");
        await (await host.Client.GetAsync($"/v1/sessions/{ended.Id}/events")).ShouldFailAsync(HttpStatusCode.Conflict, "session_not_live");
        Assert.Equal(HttpStatusCode.Unauthorized, (await api.Anonymous().GetAsync($"/v1/sessions/{session.Id}/events")).StatusCode);
    }

    private static class Web
    {
        /// <summary>Ids of one hub epoch are <c>{epoch}-{n}</c> with n increasing.</summary>
        public static bool SessionEventIdOrder(string earlier, string later) =>
            earlier[..earlier.LastIndexOf('-')] == later[..later.LastIndexOf('-')]
            && long.Parse(earlier[(earlier.LastIndexOf('-') + 1)..]) < long.Parse(later[(later.LastIndexOf('-') + 1)..]);
    }
}
