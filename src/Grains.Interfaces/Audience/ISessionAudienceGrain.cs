namespace Roomcast.Audience;

/// <summary>
/// The audience of one session (key = session id): who may come in (bans, capacity) and who is in (attendance).
/// One grain for both, so that admission is decided in the same turn as the bans and the head count it depends on:
/// no token is issued after a ban is acknowledged, and a capped session never admits one viewer too many.
/// Attendance rows live in <see cref="IAttendanceLog"/>; the grain holds the present set, the peak and the bans.
/// </summary>
[Alias("Roomcast.ISessionAudienceGrain")]
public interface ISessionAudienceGrain : IGrainWithGuidKey
{
    /// <summary>Admits a person (opening or refreshing their attendance) and issues their LiveKit token.</summary>
    [Alias("Join")]
    Task<AudienceAdmission> JoinAsync(AudienceJoin join);

    /// <summary>A hidden, subscribe-only token for watching the session; records no attendance.</summary>
    [Alias("Monitor")]
    Task<AudienceAdmission> MonitorAsync(Guid userId, string displayName);

    /// <summary>Closes the person's attendance; false when they were not present.</summary>
    [Alias("Leave")]
    Task<bool> LeaveAsync(Guid userId);

    /// <summary>Evidence that a present person is still there (LiveKit reports them); unknown people are ignored.</summary>
    [Alias("ReportPresence")]
    Task ReportPresenceAsync(Guid userId, DateTimeOffset seenAt);

    /// <summary>
    /// LiveKit saw the person join the room (its webhook): they are present. A person with no open visit (left, or
    /// closed by the presence timeout) gets one again: the ban check applies, the capacity check does not (LiveKit
    /// already admitted them with a token Roomcast issued). An event older than the last one applied for the person,
    /// or after the session ended, changes nothing; false then.
    /// </summary>
    [Alias("RoomJoined")]
    Task<bool> RoomJoinedAsync(RoomArrival arrival);

    /// <summary>
    /// LiveKit saw the person leave the room at <paramref name="occurredAt"/>: their visit closes then. An event older
    /// than the last one applied for the person (a late <c>participant_left</c> of an earlier visit) changes nothing; false then.
    /// </summary>
    [Alias("RoomLeft")]
    Task<bool> RoomLeftAsync(Guid userId, DateTimeOffset occurredAt);

    /// <summary>
    /// The person's ban and presence in one call: the gate of voting, chat and the stage, which refuse the banned and
    /// (mostly) those not present.
    /// </summary>
    [Alias("GetStanding")]
    Task<AudienceStanding> GetStandingAsync(Guid userId);

    /// <summary>Whether the person is present (joined, not left, not timed out).</summary>
    [Alias("IsPresent")]
    Task<bool> IsPresentAsync(Guid userId);

    [Alias("GetViewers")]
    Task<IReadOnlyList<ActiveViewer>> GetViewersAsync();

    [Alias("GetStats")]
    Task<AudienceStats> GetStatsAsync();

    /// <summary>The session ended at <paramref name="endedAt"/>: every open record closes then, and nobody joins any more.</summary>
    [Alias("SessionEnded")]
    Task SessionEndedAsync(DateTimeOffset endedAt);

    /// <summary>Bans a person (replacing an earlier ban of theirs) and closes their attendance.</summary>
    [Alias("Ban")]
    Task<SessionBan> BanAsync(BanCommand command);

    /// <summary>Lifts a ban; not-found when the person is not banned.</summary>
    [Alias("Unban")]
    Task UnbanAsync(Guid userId);

    [Alias("GetBans")]
    Task<IReadOnlyList<SessionBan>> GetBansAsync();

    /// <summary>The person's ban in force, or null.</summary>
    [Alias("FindBan")]
    Task<SessionBan?> FindBanAsync(Guid userId);
}
