using Microsoft.Extensions.Logging;
using Roomcast.Catalog;
using Roomcast.Errors;
using Roomcast.Rooms;
using Roomcast.Sessions;

namespace Roomcast.Grains.Rooms;

/// <summary>One room: its details, the sessions it creates, and the count of those that are live.</summary>
public sealed partial class RoomGrain(
    [PersistentState("room", GrainStorage.Name)] IPersistentState<RoomGrainState> state,
    IRoomCatalog rooms,
    ISessionCatalog sessions,
    TimeProvider clock,
    ILogger<RoomGrain> logger) : Grain, IRoomGrain
{
    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        if (state.State.Room is { } room)
        {
            await rooms.UpsertAsync(room, cancellationToken);
        }
    }

    public async Task<RoomSnapshot> CreateAsync(CreateRoomCommand command)
    {
        if (state.State.Room is not null)
        {
            throw new RoomcastException(ErrorKind.Conflict, "already_exists", "The room already exists.");
        }

        var now = clock.GetUtcNow();
        var room = new RoomSnapshot(this.GetPrimaryKey(), command.OwnerId, command.Title, command.Description,
            command.Visibility, SessionCount: 0, LiveSessionCount: 0, ChangeSequence: 1, now, now, Deleted: false, command.LibraryId);
        await SaveAsync(room);
        LogCreated(room.Id, room.OwnerId);
        return room;
    }

    public Task<RoomSnapshot> GetAsync() => Task.FromResult(Existing());

    public Task<RoomSnapshot> UpdateAsync(RoomPatch patch, long? expectedChangeSequence) =>
        MutateAsync(expectedChangeSequence, room => room with
        {
            Title = patch.Title ?? room.Title,
            Description = patch.ClearDescription ? null : patch.Description ?? room.Description,
            Visibility = patch.Visibility ?? room.Visibility,
        });

    public async Task DeleteAsync(long? expectedChangeSequence)
    {
        var room = Existing();
        CheckChangeSequence(room, expectedChangeSequence);
        if (state.State.LiveSessionIds.Count > 0)
        {
            throw new RoomcastException(ErrorKind.Conflict, "room_has_live_sessions",
                $"The room has {state.State.LiveSessionIds.Count} live session(s); end them first.");
        }

        // Sessions go first: a crash half-way leaves a room that can be deleted again, never orphans.
        var query = new SessionQuery { RoomId = room.Id };
        var request = PageRequest.First(PageRequest.MaxLimit);
        while (true)
        {
            var page = await sessions.ListAsync(query, request);
            foreach (var session in page.Items)
            {
                await DeleteSessionAsync(session.Id);
            }

            if (page.NextCursor is null)
            {
                break;
            }

            request = request with { StartAfter = page.NextCursor };
        }

        await MutateAsync(null, r => r with { Deleted = true });
        LogDeleted(room.Id);
        DeactivateOnIdle();
    }

    public async Task<SessionSnapshot> CreateSessionAsync(CreateSessionCommand command)
    {
        var room = Existing();
        var session = await GrainFactory.GetGrain<ISessionGrain>(Guid.NewGuid())
            .CreateAsync(command with { RoomId = room.Id, HostId = room.OwnerId, LibraryId = room.LibraryId });
        await MutateAsync(null, r => r with { SessionCount = r.SessionCount + 1 });
        return session;
    }

    public async Task OnSessionStateChangedAsync(Guid sessionId, SessionState sessionState)
    {
        if (state.State.Room is not { Deleted: false })
        {
            return;
        }

        // One-way notifications can arrive out of order, so the state in hand is only a hint: ask the
        // session where it is now. No deadlock: a session never waits on its room.
        var isLive = await IsLiveAsync(sessionId);
        var changed = isLive ? state.State.LiveSessionIds.Add(sessionId) : state.State.LiveSessionIds.Remove(sessionId);
        if (changed)
        {
            await MutateAsync(null, r => r with { LiveSessionCount = state.State.LiveSessionIds.Count });
        }
    }

    private async Task DeleteSessionAsync(Guid sessionId)
    {
        try
        {
            await GrainFactory.GetGrain<ISessionGrain>(sessionId).DeleteAsync(null);
        }
        catch (RoomcastException e) when (e.Kind == ErrorKind.NotFound)
        {
            // Already deleted; the catalog had not caught up yet.
        }
    }

    private async Task<bool> IsLiveAsync(Guid sessionId)
    {
        try
        {
            return (await GrainFactory.GetGrain<ISessionGrain>(sessionId).GetAsync()).State == SessionState.Live;
        }
        catch (RoomcastException e) when (e.Kind == ErrorKind.NotFound)
        {
            return false;
        }
    }

    private async Task<RoomSnapshot> MutateAsync(long? expectedChangeSequence, Func<RoomSnapshot, RoomSnapshot> change)
    {
        var current = Existing();
        CheckChangeSequence(current, expectedChangeSequence);
        var updated = change(current) with { ChangeSequence = current.ChangeSequence + 1, UpdatedOn = clock.GetUtcNow() };
        await SaveAsync(updated);
        return updated;
    }

    private async Task SaveAsync(RoomSnapshot room)
    {
        state.State.Room = room;
        await state.WriteStateAsync();
        await rooms.UpsertAsync(room);
    }

    private static void CheckChangeSequence(RoomSnapshot room, long? expected)
    {
        if (expected is { } value && value != room.ChangeSequence)
        {
            throw RoomcastException.StaleChangeSequence(value, room.ChangeSequence);
        }
    }

    private RoomSnapshot Existing() =>
        state.State.Room is { Deleted: false } room ? room : throw RoomcastException.NotFound("Room");

    [LoggerMessage(Level = LogLevel.Information, Message = "Room {RoomId} created by {OwnerId}")]
    private partial void LogCreated(Guid roomId, Guid ownerId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Room {RoomId} deleted with its sessions")]
    private partial void LogDeleted(Guid roomId);
}
