using Roomcast.Errors;
using Roomcast.Grains.Tests.Infrastructure;
using Roomcast.Libraries;
using Roomcast.Rooms;
using Roomcast.Sessions;

namespace Roomcast.Grains.Tests;

[Collection(LifecycleCollection.Name)]
public sealed class QuotaTests(ClusterFixture fixture)
{
    private IGrainFactory Grains => fixture.Client;

    [Fact]
    public async Task AnOwnerMayHoldOnlyTheirQuotaOfRoomsAndMayCreateAgainAfterADelete()
    {
        var owner = Guid.NewGuid();
        var rooms = new List<IRoomGrain>();
        for (var i = 0; i < ClusterFixture.RoomsPerOwner; i++)
        {
            rooms.Add(await CreateRoomAsync(owner));
        }

        var error = await Assert.ThrowsAsync<RoomcastException>(() => CreateRoomAsync(owner));
        Assert.Equal("quota_exceeded", error.Code);
        Assert.Contains($"{ClusterFixture.RoomsPerOwner} rooms", error.Message);

        // Another owner is not affected; a deleted room frees its place.
        await CreateRoomAsync(Guid.NewGuid());
        await rooms[0].DeleteAsync(null);
        await CreateRoomAsync(owner);
    }

    [Fact]
    public async Task AnOwnerMayHaveOnlyTheirQuotaOfScheduledSessionsAndStartingOneFreesAPlace()
    {
        var room = await CreateRoomAsync(Guid.NewGuid());
        var created = new List<SessionSnapshot>();
        for (var i = 0; i < ClusterFixture.ScheduledSessionsPerOwner; i++)
        {
            created.Add(await room.CreateSessionAsync(TestSessions.FarFuture(fixture.Clock)));
        }

        var error = await Assert.ThrowsAsync<RoomcastException>(() => room.CreateSessionAsync(TestSessions.FarFuture(fixture.Clock)));
        Assert.Equal("quota_exceeded", error.Code);
        Assert.Equal(ErrorKind.Conflict, error.Kind);

        await Grains.GetGrain<ISessionGrain>(created[0].Id).StartAsync(null);
        await room.CreateSessionAsync(TestSessions.FarFuture(fixture.Clock));
    }

    private async Task<IRoomGrain> CreateRoomAsync(Guid owner)
    {
        var room = Grains.GetGrain<IRoomGrain>(Guid.NewGuid());
        await room.CreateAsync(new CreateRoomCommand(owner, "Quota room", null, Visibility.Public, DefaultLibrary.Id));
        return room;
    }
}
