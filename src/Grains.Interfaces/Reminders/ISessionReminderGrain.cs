using Orleans.Concurrency;

namespace Roomcast.Reminders;

/// <summary>
/// The reminder notices of one session (key = session id) to its room's subscribers: <c>scheduled</c>, <c>due</c>
/// (<c>Reminders:Lead</c> before the start) and <c>live</c>, each at most once. The session drives it; it re-reads
/// the session whenever it wakes, so a lost notice is recovered by its own reminder.
/// </summary>
[Alias("Roomcast.ISessionReminderGrain")]
public interface ISessionReminderGrain : IGrainWithGuidKey
{
    /// <summary>
    /// Told by the session when it is created, rescheduled, started or finished. One-way, so a session never waits on
    /// it; the grain re-reads the session, so order and repeats do not matter.
    /// </summary>
    [Alias("SessionChanged"), OneWay]
    Task SessionChangedAsync();

    /// <summary>What has been sent and what is armed; a read that never acts, so it may interleave.</summary>
    [Alias("GetStatus"), ReadOnly]
    Task<SessionReminderStatus> GetStatusAsync();
}
