using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Roomcast.Grains.Catalog;
using Roomcast.Grains.Quotas;
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
    IOptions<QuotaOptions> quotas,
    TimeProvider clock,
    ILogger<RoomGrain> logger) : Grain, IRoomGrain
{
    private readonly EmptyActivationRetirement _emptyRetirement = new();

    /// <summary>How long the sessions of a room being deleted refuse to go live: ample for the deletion to finish.</summary>
    private static readonly TimeSpan DeletionReservation = TimeSpan.FromMinutes(2);

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

        await EnsureRoomQuotaAsync(command.OwnerId);
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
            throw RoomErrors.HasLiveSessions($"The room has {state.State.LiveSessionIds.Count} live session(s); end them first.");
        }

        // All or nothing: first every session promises not to go live (a live one refuses, and the promises made
        // so far are taken back), then each is deleted. Sessions go before the room: a crash half-way leaves a
        // room that can be deleted again, never orphans; the promise lapses on its own if the room never returns.
        var sessionIds = await SessionIdsAsync(room.Id);
        var reservedUntil = clock.GetUtcNow() + DeletionReservation;
        var reserved = new List<ISessionGrain>(sessionIds.Count);
        try
        {
            foreach (var id in sessionIds)
            {
                var session = GrainFactory.GetGrain<ISessionGrain>(id);
                await session.ReserveForDeletionAsync(reservedUntil);
                reserved.Add(session);
            }
        }
        catch (RoomcastException e) when (e.Code == RoomErrors.HasLiveSessionsCode)
        {
            await Task.WhenAll(reserved.Select(s => s.ReleaseDeletionReservationAsync()));
            throw;
        }

        foreach (var session in reserved)
        {
            await DeleteSessionAsync(session);
        }

        await MutateAsync(null, r => r with { Deleted = true });
        LogDeleted(room.Id);
        DeactivateOnIdle();
    }

    public async Task<SessionSnapshot> CreateSessionAsync(CreateSessionCommand command)
    {
        var room = Existing();
        var limit = quotas.Value.ScheduledSessionsPerOwner;
        if ((await sessions.GetStatsAsync(room.OwnerId, null)).Scheduled >= limit)
        {
            throw QuotaErrors.Exceeded("scheduled sessions", limit, "start, cancel or delete one first");
        }

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
        if (isLive == state.State.LiveSessionIds.Contains(sessionId))
        {
            return;
        }

        var liveIds = new HashSet<Guid>(state.State.LiveSessionIds);
        if (isLive)
        {
            liveIds.Add(sessionId);
        }
        else
        {
            liveIds.Remove(sessionId);
        }

        await MutateAsync(null, r => r with { LiveSessionCount = liveIds.Count }, liveIds);
    }

    /// <summary>Counts the owner's rooms in the catalog, a page at a time, only as far as the limit.</summary>
    private async Task EnsureRoomQuotaAsync(Guid ownerId)
    {
        var limit = quotas.Value.RoomsPerOwner;
        var query = new RoomQuery { OwnerId = ownerId };
        var count = 0;
        await foreach (var _ in CatalogPages.AllAsync(page => rooms.ListAsync(query, page), Math.Min(limit, PageRequest.MaxLimit)))
        {
            if (++count >= limit)
            {
                throw QuotaErrors.Exceeded("rooms", limit, "delete one first");
            }
        }
    }

    private async Task<List<Guid>> SessionIdsAsync(Guid roomId)
    {
        var query = new SessionQuery { RoomId = roomId };
        var ids = new List<Guid>();
        await foreach (var session in CatalogPages.AllAsync(page => sessions.ListAsync(query, page)))
        {
            ids.Add(session.Id);
        }

        return ids;
    }

    private static async Task DeleteSessionAsync(ISessionGrain session)
    {
        try
        {
            await session.DeleteAsync(null);
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

    private async Task<RoomSnapshot> MutateAsync(
        long? expectedChangeSequence, Func<RoomSnapshot, RoomSnapshot> change, IReadOnlySet<Guid>? liveSessionIds = null)
    {
        var current = Existing();
        CheckChangeSequence(current, expectedChangeSequence);
        var updated = change(current) with { ChangeSequence = current.ChangeSequence + 1, UpdatedOn = clock.GetUtcNow() };
        await SaveAsync(updated, liveSessionIds);
        return updated;
    }

    private async Task SaveAsync(RoomSnapshot room, IReadOnlySet<Guid>? liveSessionIds = null)
    {
        await state.WriteOrRevertAsync(
            state.State with { Room = room, LiveSessionIds = liveSessionIds ?? state.State.LiveSessionIds }, this);
        await rooms.UpsertAsync(room);
    }

    private static void CheckChangeSequence(RoomSnapshot room, long? expected)
    {
        if (expected is { } value && value != room.ChangeSequence)
        {
            throw RoomcastException.StaleChangeSequence(value, room.ChangeSequence);
        }
    }

    private RoomSnapshot Existing()
    {
        if (state.State.Room is { Deleted: false } room)
        {
            return room;
        }

        // A lookup of a room that does not exist leaves no activation behind.
        _emptyRetirement.Schedule(this);
        throw RoomcastException.NotFound("Room");
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Room {RoomId} created by {OwnerId}")]
    private partial void LogCreated(Guid roomId, Guid ownerId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Room {RoomId} deleted with its sessions")]
    private partial void LogDeleted(Guid roomId);
}
