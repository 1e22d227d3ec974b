using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using Roomcast.Audience;
using Roomcast.Catalog;
using Roomcast.Grains.Catalog;

namespace Roomcast.Grains.Audience;

/// <summary>The dev-mode attendance log: one process, lost on restart. Each session's rows have a lock of their own.</summary>
public sealed class InMemoryAttendanceLog : IAttendanceLog
{
    private readonly ConcurrentDictionary<Guid, SessionRows> _sessions = new();

    public Task OpenAsync(AttendanceVisit visit)
    {
        var session = _sessions.GetOrAdd(visit.SessionId, _ => new SessionRows());
        lock (session.Gate)
        {
            session.Rows[visit.UserId] = session.Rows.TryGetValue(visit.UserId, out var stored)
                ? Reopened(stored, visit)
                : new AttendanceRecord(visit.SessionId, visit.UserId, visit.DisplayName, visit.Role,
                    visit.At, visit.At, visit.At, null, 0, 1);
        }

        return Task.CompletedTask;
    }

    public Task CloseAsync(Guid sessionId, IReadOnlyCollection<AttendanceDeparture> departures)
    {
        if (!_sessions.TryGetValue(sessionId, out var session))
        {
            return Task.CompletedTask;
        }

        lock (session.Gate)
        {
            // A user named twice is closed by the first departure, as the SQL statement (one update per row) does.
            foreach (var departure in departures.DistinctBy(d => d.UserId))
            {
                if (session.Rows.TryGetValue(departure.UserId, out var stored) && stored.OpenSince is { } since)
                {
                    session.Rows[departure.UserId] = stored with
                    {
                        WatchedMilliseconds = stored.WatchedMilliseconds + WholeMillisecondsBetween(since, departure.At),
                        OpenSince = null,
                        LastLeftAt = departure.At,
                        LastSeenAt = Latest(stored.LastSeenAt, departure.At),
                    };
                }
            }
        }

        return Task.CompletedTask;
    }

    public Task<IReadOnlyList<AttendanceRecord>> ListOpenAsync(Guid sessionId)
    {
        IReadOnlyList<AttendanceRecord> open = Snapshot(sessionId).Where(r => r.OpenSince is not null).OrderByDescending(KeyOf).ToList();
        return Task.FromResult(open);
    }

    public Task<Page<AttendanceRecord>> ListAsync(Guid sessionId, PageRequest page) =>
        Task.FromResult(KeysetPager.Paginate(Snapshot(sessionId), KeyOf, page));

    public async IAsyncEnumerable<AttendanceRecord> ReadAllAsync(
        Guid sessionId, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        await Task.CompletedTask;
        foreach (var record in Snapshot(sessionId).OrderByDescending(KeyOf))
        {
            cancellationToken.ThrowIfCancellationRequested();
            yield return record;
        }
    }

    public Task<AttendanceTotals> GetTotalsAsync(Guid sessionId)
    {
        var viewers = Snapshot(sessionId).Where(r => r.Role == AttendeeRole.Viewer).ToList();
        return Task.FromResult(new AttendanceTotals(viewers.Count, viewers.Sum(r => r.WatchedMilliseconds)));
    }

    private static AttendanceRecord Reopened(AttendanceRecord stored, AttendanceVisit visit) => stored with
    {
        DisplayName = visit.DisplayName,
        Role = visit.Role,
        LastSeenAt = Latest(stored.LastSeenAt, visit.At),
        OpenSince = stored.OpenSince ?? visit.At,
        Visits = stored.OpenSince is null ? stored.Visits + 1 : stored.Visits,
    };

    /// <summary>Newest first, the order of every listing; <c>OrderByDescending</c> of it is oldest first.</summary>
    private static CatalogCursor KeyOf(AttendanceRecord record) => new(record.FirstJoinedAt, record.UserId);

    private static long WholeMillisecondsBetween(DateTimeOffset from, DateTimeOffset to) =>
        to > from ? (to - from).Ticks / TimeSpan.TicksPerMillisecond : 0;

    private static DateTimeOffset Latest(DateTimeOffset a, DateTimeOffset b) => a >= b ? a : b;

    /// <summary>The session's rows as they are now; readers work on the copy, outside the lock.</summary>
    private AttendanceRecord[] Snapshot(Guid sessionId)
    {
        if (!_sessions.TryGetValue(sessionId, out var session))
        {
            return [];
        }

        lock (session.Gate)
        {
            return [.. session.Rows.Values];
        }
    }

    private sealed class SessionRows
    {
        public Lock Gate { get; } = new();

        public Dictionary<Guid, AttendanceRecord> Rows { get; } = [];
    }
}
