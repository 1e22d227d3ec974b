using Roomcast.Events;
using Roomcast.Grains.Events;
using Roomcast.Grains.Tests.Infrastructure;

namespace Roomcast.Grains.Tests.Events;

/// <summary>The hub's replay window: what a reconnecting client gets back, and when it must reload instead.</summary>
[Collection(LifecycleCollection.Name)]
public sealed class SessionEventsGrainTests(ClusterFixture fixture)
{
    private ISessionEventsGrain NewHub() => fixture.Client.GetGrain<ISessionEventsGrain>(Guid.NewGuid());

    private static SessionEventDraft Marker(int n, string? key = null, string? retracts = null) =>
        new("test.marker", $"{{\"n\":{n}}}", Key: key, Retracts: retracts);

    [Fact]
    public async Task AClientGetsExactlyTheEventsAfterItsLastIdInOrder()
    {
        var hub = NewHub();
        var published = new List<SessionEvent>();
        for (var n = 0; n < 10; n++)
        {
            published.Add(await hub.PublishAsync(Marker(n)));
        }

        var missed = await hub.GetSinceAsync(published[3].Id);

        Assert.Equal(published.Skip(4).Select(e => e.Id), missed!.Select(e => e.Id));
        Assert.Empty((await hub.GetSinceAsync(published[^1].Id))!);
    }

    [Fact]
    public async Task AnIdBehindTheWindowOrFromAnotherActivationMeansReload()
    {
        var hub = NewHub();
        var first = await hub.PublishAsync(Marker(0));
        for (var n = 1; n <= SessionEventsGrain.ReplayWindow; n++)
        {
            await hub.PublishAsync(Marker(n));
        }

        Assert.Null(await hub.GetSinceAsync("1-1"));
        Assert.Null(await hub.GetSinceAsync(first.Id[..first.Id.LastIndexOf('-')] + "-999999"));
        Assert.NotNull(await hub.GetSinceAsync(first.Id));
        await hub.PublishAsync(Marker(-1));
        Assert.Null(await hub.GetSinceAsync(first.Id));
    }

    [Fact]
    public async Task ARetractedEventIsNotReplayedAndLeavesNoFalseReload()
    {
        var hub = NewHub();
        var start = await hub.PublishAsync(Marker(0));
        await hub.PublishAsync(Marker(1, key: "message-1"));
        await hub.PublishAsync(Marker(2, key: "message-2"));
        await hub.PublishAsync(Marker(3, retracts: "message-1"));

        var missed = await hub.GetSinceAsync(start.Id);

        Assert.Equal(["{\"n\":2}", "{\"n\":3}"], missed!.Select(e => e.Data));
    }

    [Fact]
    public async Task AnUnwatchedHubLeavesMemoryWithTheSessionsLastEventAndAWatchedOneStays()
    {
        var unwatched = NewHub();
        var ordinary = await unwatched.PublishAsync(Marker(0));
        Assert.NotNull(await unwatched.GetSinceAsync(ordinary.Id));
        var last = await unwatched.PublishAsync(Marker(1) with { SessionOver = true });

        // The activation that gave the id is gone: the next one cannot vouch for it, so a client would reload.
        Assert.Null(await unwatched.GetSinceAsync(last.Id));

        var watched = NewHub();
        var observer = fixture.Client.CreateObjectReference<ISessionEventsObserver>(new IgnoringObserver());
        await watched.SubscribeAsync(observer);
        var seen = await watched.PublishAsync(Marker(2) with { SessionOver = true });

        Assert.Empty((await watched.GetSinceAsync(seen.Id))!);
    }

    private sealed class IgnoringObserver : ISessionEventsObserver
    {
        public Task OnEventAsync(SessionEvent sessionEvent) => Task.CompletedTask;
    }
}
