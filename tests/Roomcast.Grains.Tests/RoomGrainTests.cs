using Roomcast.Libraries;
using Roomcast.Errors;
using Roomcast.Grains.Tests.Infrastructure;
using Roomcast.Rooms;
using Roomcast.Sessions;

namespace Roomcast.Grains.Tests;

[Collection(LifecycleCollection.Name)]
public sealed class RoomGrainTests(ClusterFixture fixture)
{
    private static readonly TimeSpan OneWayDelivery = TimeSpan.FromSeconds(5);

    private IGrainFactory Grains => fixture.Client;

    private async Task<(IRoomGrain Grain, RoomSnapshot Snapshot)> CreateRoomAsync()
    {
        var grain = Grains.GetGrain<IRoomGrain>(Guid.NewGuid());
        return (grain, await grain.CreateAsync(new CreateRoomCommand(Guid.NewGuid(), "Test room", null, Visibility.Public, DefaultLibrary.Id)));
    }

    private static Task<RoomSnapshot> LiveCountBecomes(IRoomGrain room, int count) =>
        Eventually.Of(room.GetAsync, r => r.LiveSessionCount == count, OneWayDelivery, $"the room's live session count to be {count}");

    [Fact]
    public async Task CreatedRoomHasNoSessionsAndChangeSequenceOne()
    {
        var ownerId = Guid.NewGuid();
        var grain = Grains.GetGrain<IRoomGrain>(Guid.NewGuid());

        var room = await grain.CreateAsync(new CreateRoomCommand(ownerId, "Town hall", "Monthly", Visibility.Private, DefaultLibrary.Id));

        Assert.Equal(grain.GetPrimaryKey(), room.Id);
        Assert.Equal(ownerId, room.OwnerId);
        Assert.Equal("Town hall", room.Title);
        Assert.Equal(0, room.SessionCount);
        Assert.Equal(0, room.LiveSessionCount);
        Assert.Equal(1, room.ChangeSequence);
        Assert.Equal(room, await grain.GetAsync());
    }

    [Fact]
    public async Task UpdateWithAStaleChangeSequenceIsAConflictAndChangesNothing()
    {
        var (grain, room) = await CreateRoomAsync();
        await grain.UpdateAsync(new RoomPatch("First", null, false, null), room.ChangeSequence);

        var error = await Assert.ThrowsAsync<RoomcastException>(
            () => grain.UpdateAsync(new RoomPatch("Second", null, false, null), room.ChangeSequence));

        Assert.Equal(ErrorKind.Conflict, error.Kind);
        Assert.Equal("stale_change_sequence", error.Code);
        Assert.Equal("First", (await grain.GetAsync()).Title);
    }

    [Fact]
    public async Task CreatingASessionThroughTheRoomCountsItAndMakesTheOwnerItsHost()
    {
        var (grain, room) = await CreateRoomAsync();

        var session = await grain.CreateSessionAsync(TestSessions.FarFuture(fixture.Clock));

        Assert.Equal(room.Id, session.RoomId);
        Assert.Equal(room.OwnerId, session.HostId);
        Assert.Equal(SessionState.Scheduled, session.State);
        var after = await grain.GetAsync();
        Assert.Equal(1, after.SessionCount);
        Assert.Equal(room.ChangeSequence + 1, after.ChangeSequence);
    }

    [Fact]
    public async Task LiveSessionCountFollowsItsSessionsGoingLiveAndEnding()
    {
        var (room, _) = await CreateRoomAsync();
        var created = await room.CreateSessionAsync(TestSessions.FarFuture(fixture.Clock));
        var session = Grains.GetGrain<ISessionGrain>(created.Id);

        await session.StartAsync(null);
        await LiveCountBecomes(room, 1);

        await session.EndAsync(null);
        await LiveCountBecomes(room, 0);
    }

    [Fact]
    public async Task ALateLiveNotificationForAnEndedSessionDoesNotCountItAsLive()
    {
        var (room, _) = await CreateRoomAsync();
        var created = await room.CreateSessionAsync(TestSessions.FarFuture(fixture.Clock));
        var session = Grains.GetGrain<ISessionGrain>(created.Id);
        await session.StartAsync(null);
        await session.EndAsync(null);
        await LiveCountBecomes(room, 0);

        // The "live" notification overtaken by the "ended" one arrives last.
        await room.OnSessionStateChangedAsync(created.Id, SessionState.Live);
        await Task.Delay(TimeSpan.FromMilliseconds(300));

        Assert.Equal(0, (await room.GetAsync()).LiveSessionCount);
        await room.DeleteAsync(null);
    }

    [Fact]
    public async Task RoomWithALiveSessionCannotBeDeleted()
    {
        var (room, _) = await CreateRoomAsync();
        var created = await room.CreateSessionAsync(TestSessions.FarFuture(fixture.Clock));
        await Grains.GetGrain<ISessionGrain>(created.Id).StartAsync(null);
        await LiveCountBecomes(room, 1);

        var error = await Assert.ThrowsAsync<RoomcastException>(() => room.DeleteAsync(null));

        Assert.Equal(ErrorKind.Conflict, error.Kind);
        Assert.Equal("room_has_live_sessions", error.Code);
        Assert.Equal(1, (await room.GetAsync()).LiveSessionCount);
    }

    [Fact]
    public async Task DeletingARoomAfterItsSessionEndedRemovesTheRoomAndItsSessions()
    {
        var (room, _) = await CreateRoomAsync();
        var ended = await room.CreateSessionAsync(TestSessions.FarFuture(fixture.Clock));
        var scheduled = await room.CreateSessionAsync(TestSessions.FarFuture(fixture.Clock));
        var endedGrain = Grains.GetGrain<ISessionGrain>(ended.Id);
        await endedGrain.StartAsync(null);
        await LiveCountBecomes(room, 1);
        await endedGrain.EndAsync(null);
        await LiveCountBecomes(room, 0);

        await room.DeleteAsync(null);

        Assert.Equal(ErrorKind.NotFound, (await Assert.ThrowsAsync<RoomcastException>(room.GetAsync)).Kind);
        foreach (var id in new[] { ended.Id, scheduled.Id })
        {
            var error = await Assert.ThrowsAsync<RoomcastException>(() => Grains.GetGrain<ISessionGrain>(id).GetAsync());
            Assert.Equal(ErrorKind.NotFound, error.Kind);
        }

        Assert.Empty(await fixture.SessionCatalog.GetManyAsync([ended.Id, scheduled.Id]));
    }

    [Fact]
    public async Task DeletingARoomLeavesSessionsOfOtherRoomsAlone()
    {
        var (doomed, _) = await CreateRoomAsync();
        var (kept, _) = await CreateRoomAsync();
        await doomed.CreateSessionAsync(TestSessions.FarFuture(fixture.Clock));
        var other = await kept.CreateSessionAsync(TestSessions.FarFuture(fixture.Clock));

        await doomed.DeleteAsync(null);

        Assert.Equal(SessionState.Scheduled, (await Grains.GetGrain<ISessionGrain>(other.Id).GetAsync()).State);
    }

    [Fact]
    public async Task CreatingASessionInAnUnknownRoomIsNotFound()
    {
        var room = Grains.GetGrain<IRoomGrain>(Guid.NewGuid());

        var error = await Assert.ThrowsAsync<RoomcastException>(() => room.CreateSessionAsync(TestSessions.FarFuture(fixture.Clock)));

        Assert.Equal(ErrorKind.NotFound, error.Kind);
    }

    [Fact]
    public async Task ARoomDeleteRefusedForALiveSessionChangesNothing()
    {
        var (room, _) = await CreateRoomAsync();
        var sessions = new List<SessionSnapshot>();
        for (var i = 0; i < 5; i++)
        {
            sessions.Add(await room.CreateSessionAsync(TestSessions.FarFuture(fixture.Clock)));
        }

        // Started behind the room's back, so the room's own live count does not know yet: the sessions decide.
        var live = sessions[3];
        await Grains.GetGrain<ISessionGrain>(live.Id).StartAsync(null);

        var error = await Assert.ThrowsAsync<RoomcastException>(() => room.DeleteAsync(null));

        Assert.Equal("room_has_live_sessions", error.Code);
        await room.GetAsync();
        foreach (var session in sessions.Where(s => s.Id != live.Id))
        {
            // Still there, and free to go live: the reservations made before the refusal were released.
            Assert.Equal(SessionState.Live, (await Grains.GetGrain<ISessionGrain>(session.Id).StartAsync(null)).State);
        }
    }

    [Fact]
    public async Task ARoomDeleteRacingASessionStartIsAllOrNothing()
    {
        for (var trial = 0; trial < 20; trial++)
        {
            var (room, _) = await CreateRoomAsync();
            var sessions = new List<SessionSnapshot>();
            for (var i = 0; i < 6; i++)
            {
                sessions.Add(await room.CreateSessionAsync(TestSessions.FarFuture(fixture.Clock)));
            }

            var racer = Grains.GetGrain<ISessionGrain>(sessions[trial % 6].Id);
            var delete = Outcome(room.DeleteAsync(null));
            var start = Outcome(racer.StartAsync(null));
            await Task.WhenAll(delete, start);

            var remaining = 0;
            foreach (var session in sessions)
            {
                try
                {
                    await Grains.GetGrain<ISessionGrain>(session.Id).GetAsync();
                    remaining++;
                }
                catch (RoomcastException e) when (e.Kind == ErrorKind.NotFound)
                {
                }
            }

            if (await delete is null)
            {
                Assert.Equal(0, remaining);
                Assert.Contains((await start)?.Code, new[] { "room_being_deleted", "not_found" });
            }
            else
            {
                Assert.Equal("room_has_live_sessions", (await delete)!.Code);
                Assert.Equal(6, remaining);
                Assert.Null(await start);
                await room.GetAsync();
            }
        }

        static async Task<RoomcastException?> Outcome(Task call)
        {
            try
            {
                await call;
                return null;
            }
            catch (RoomcastException e)
            {
                return e;
            }
        }
    }
}
