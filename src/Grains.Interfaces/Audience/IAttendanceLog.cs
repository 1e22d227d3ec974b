using Roomcast.Catalog;

namespace Roomcast.Audience;

/// <summary>
/// The attendance rows of sessions, kept out of grain state because a session can gather tens of thousands:
/// PostgreSQL rows in cluster mode, memory in dev mode. The session's audience grain writes them; listings and
/// exports read them directly. Every write is idempotent, so a retried call after a lost answer changes nothing.
/// Failures surface as <c>StorageUnavailableException</c>.
/// </summary>
public interface IAttendanceLog
{
    /// <summary>
    /// Opens the person's record at <c>visit.At</c> (creating it on a first visit, counting a visit when it was
    /// closed); an open record stays open and only its last-seen time, name and role are refreshed.
    /// </summary>
    Task OpenAsync(AttendanceVisit visit);

    /// <summary>
    /// Closes open records: adds the time from <c>OpenSince</c> to the departure (never negative) to the watch time,
    /// clears <c>OpenSince</c>, sets <c>LastLeftAt</c>. Records already closed, or unknown, are left alone.
    /// </summary>
    Task CloseAsync(Guid sessionId, IReadOnlyCollection<AttendanceDeparture> departures);

    /// <summary>The records open now (the grain's present set after a re-activation).</summary>
    Task<IReadOnlyList<AttendanceRecord>> ListOpenAsync(Guid sessionId);

    /// <summary>One keyset page, newest first by (first joined, user id), the cursor every listing uses.</summary>
    Task<Page<AttendanceRecord>> ListAsync(Guid sessionId, PageRequest page);

    /// <summary>Every record, oldest first by (first joined, user id), read as it streams (the CSV export).</summary>
    IAsyncEnumerable<AttendanceRecord> ReadAllAsync(Guid sessionId, CancellationToken cancellationToken = default);

    Task<AttendanceTotals> GetTotalsAsync(Guid sessionId);
}
