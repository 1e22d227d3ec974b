using Roomcast.Catalog;
using Roomcast.Grains.Tests.Infrastructure;
using Roomcast.Sessions;

namespace Roomcast.Grains.Tests;

[Collection(LifecycleCollection.Name)]
public sealed class SessionCatalogProjectionTests(ClusterFixture fixture)
{
    private IGrainFactory Grains => fixture.Client;

    private async Task<SessionSnapshot> ListedInRoom(Guid roomId)
    {
        var page = await fixture.SessionCatalog.ListAsync(new SessionQuery { RoomId = roomId }, PageRequest.First());
        return Assert.Single(page.Items);
    }

    [Fact]
    public async Task CreatedSessionIsListedAsScheduled()
    {
        var roomId = Guid.NewGuid();
        var (_, created) = await TestSessions.CreateAsync(Grains, TestSessions.Command(fixture.Clock.GetUtcNow().AddHours(1), roomId: roomId));

        var listed = await ListedInRoom(roomId);

        Assert.Equal(created.Id, listed.Id);
        Assert.Equal(SessionState.Scheduled, listed.State);
        Assert.Equal(created.ChangeSequence, listed.ChangeSequence);
    }

    [Fact]
    public async Task StartedSessionIsListedAsLive()
    {
        var roomId = Guid.NewGuid();
        var (grain, _) = await TestSessions.CreateAsync(Grains, TestSessions.Command(fixture.Clock.GetUtcNow().AddHours(1), roomId: roomId));

        var live = await grain.StartAsync(null);

        var listed = await ListedInRoom(roomId);
        Assert.Equal(SessionState.Live, listed.State);
        Assert.Equal(live.ChangeSequence, listed.ChangeSequence);
        Assert.Equal(live.StartedAt, listed.StartedAt);
    }

    [Fact]
    public async Task ListingByStateFindsTheSessionOnlyInItsCurrentState()
    {
        var roomId = Guid.NewGuid();
        var (grain, _) = await TestSessions.CreateAsync(Grains, TestSessions.Command(fixture.Clock.GetUtcNow().AddHours(1), roomId: roomId));
        await grain.StartAsync(null);
        await grain.EndAsync(null);

        var ended = await fixture.SessionCatalog.ListAsync(
            new SessionQuery { RoomId = roomId, States = new HashSet<SessionState> { SessionState.Ended } }, PageRequest.First());
        var live = await fixture.SessionCatalog.ListAsync(
            new SessionQuery { RoomId = roomId, States = new HashSet<SessionState> { SessionState.Live } }, PageRequest.First());

        Assert.Equal(EndReason.HostEnded, Assert.Single(ended.Items).EndReason);
        Assert.Empty(live.Items);
    }

    [Fact]
    public async Task DeletedSessionIsNoLongerListed()
    {
        var roomId = Guid.NewGuid();
        var (grain, _) = await TestSessions.CreateAsync(Grains, TestSessions.Command(fixture.Clock.GetUtcNow().AddHours(1), roomId: roomId));

        await grain.DeleteAsync(null);

        var page = await fixture.SessionCatalog.ListAsync(new SessionQuery { RoomId = roomId }, PageRequest.First());
        Assert.Empty(page.Items);
    }
}
