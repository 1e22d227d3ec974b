using Orleans.Concurrency;

namespace Roomcast.Sessions;

/// <summary>
/// One live session (key = session id): its lifecycle, schedule, settings and media state, with the
/// health-check timer of a live session and the reminder that drives its deadlines.
/// Every mutating method takes the caller's expected change sequence (null = unconditional) and
/// throws a conflict when it is stale.
/// </summary>
[Alias("Roomcast.ISessionGrain")]
public interface ISessionGrain : IGrainWithGuidKey
{
    /// <summary>Creates the session in state <c>scheduled</c>. Called by its room.</summary>
    [Alias("Create")]
    Task<SessionSnapshot> CreateAsync(CreateSessionCommand command);

    /// <summary>
    /// Returns the session, or throws not-found when it does not exist or was deleted. Read-only, so reads
    /// of a popular session run side by side; a deadline is applied by the grain's timer, its activation
    /// and every mutation, never by a read.
    /// </summary>
    [Alias("Get"), ReadOnly]
    Task<SessionSnapshot> GetAsync();

    /// <summary>Renames the session (the only field clients may edit, seed 000).</summary>
    [Alias("Rename")]
    Task<SessionSnapshot> RenameAsync(string name, long? expectedChangeSequence);

    /// <summary>Moves the start of a scheduled session and re-arms its expiry deadline.</summary>
    [Alias("Reschedule")]
    Task<SessionSnapshot> RescheduleAsync(DateTimeOffset scheduledAt, long? expectedChangeSequence);

    /// <summary>Changes runtime settings of a scheduled or live session.</summary>
    [Alias("UpdateSettings")]
    Task<SessionSnapshot> UpdateSettingsAsync(SessionSettingsPatch patch, long? expectedChangeSequence);

    /// <summary>Goes live: starts the health check and arms the maximum-duration deadline.</summary>
    [Alias("Start")]
    Task<SessionSnapshot> StartAsync(long? expectedChangeSequence);

    /// <summary>Ends a live session at the host's request.</summary>
    [Alias("End")]
    Task<SessionSnapshot> EndAsync(long? expectedChangeSequence);

    /// <summary>Cancels a scheduled session.</summary>
    [Alias("Cancel")]
    Task<SessionSnapshot> CancelAsync(long? expectedChangeSequence);

    /// <summary>Deletes a session that is not live; its timers and reminder go with it.</summary>
    [Alias("Delete")]
    Task DeleteAsync(long? expectedChangeSequence);

    /// <summary>
    /// First phase of deleting a room: refuses to go live until <paramref name="until"/> (or until released), so that
    /// the room can then delete every session without one of them starting in between. A conflict when it is live.
    /// </summary>
    [Alias("ReserveForDeletion")]
    Task ReserveForDeletionAsync(DateTimeOffset until);

    /// <summary>Undoes <see cref="ReserveForDeletionAsync"/> when the room's deletion is abandoned.</summary>
    [Alias("ReleaseDeletionReservation")]
    Task ReleaseDeletionReservationAsync();

    /// <summary>Records that the host is still there.</summary>
    [Alias("Heartbeat")]
    Task<HealthCheck> HeartbeatAsync();

    /// <summary>Records a host camera or microphone change; it also counts as a host signal.</summary>
    [Alias("ChangeHostMedia")]
    Task<SessionSnapshot> ChangeHostMediaAsync(MediaStateChange change);

    /// <summary>Gives a user a session role (replacing the one they held); the host cannot take one.</summary>
    [Alias("AddParticipant")]
    Task<SessionSnapshot> AddParticipantAsync(Guid userId, SessionRole role, long? expectedChangeSequence);

    /// <summary>Takes a session role from a user; not-found when they do not hold it.</summary>
    [Alias("RemoveParticipant")]
    Task<SessionSnapshot> RemoveParticipantAsync(Guid userId, SessionRole role, long? expectedChangeSequence);
}
