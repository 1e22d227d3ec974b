using System.Collections.Concurrent;
using Roomcast.Catalog;
using Roomcast.Sessions;

namespace Roomcast.Grains.Catalog;

/// <summary>The dev-mode session catalog: one process, lost on restart.</summary>
public sealed class InMemorySessionCatalog : ISessionCatalog
{
    private readonly ConcurrentDictionary<Guid, SessionSnapshot> _rows = new();

    // The same rows by host: the scheduled-session quota reads its owner's sessions on every create, and a scan of
    // every session made creating N sessions cost N²/2 row visits (minutes at 100,000).
    private readonly ConcurrentDictionary<Guid, ConcurrentDictionary<Guid, SessionSnapshot>> _byHost = new();
    private readonly Lock _writes = new();

    public bool WrittenWithGrainState => false;

    public Task UpsertAsync(SessionSnapshot session, CancellationToken cancellationToken = default)
    {
        lock (_writes)
        {
            var known = _rows.TryGetValue(session.Id, out var stored);
            if (known && session.ChangeSequence <= stored!.ChangeSequence)
            {
                return Task.CompletedTask;
            }

            _rows[session.Id] = session;
            if (known && stored!.HostId != session.HostId && _byHost.TryGetValue(stored.HostId, out var previousHost))
            {
                previousHost.TryRemove(session.Id, out _);
            }

            _byHost.GetOrAdd(session.HostId, _ => new())[session.Id] = session;
        }

        return Task.CompletedTask;
    }

    public Task<Page<SessionSnapshot>> ListAsync(SessionQuery query, PageRequest page, CancellationToken cancellationToken = default)
    {
        var rows = RowsOf(query.HostId).Where(s => !s.Deleted && Matches(s, query));
        return Task.FromResult(KeysetPager.Paginate(rows, s => new CatalogCursor(s.CreatedOn, s.Id), page));
    }

    public Task<IReadOnlyList<SessionSnapshot>> GetManyAsync(IReadOnlyCollection<Guid> ids, CancellationToken cancellationToken = default)
    {
        IReadOnlyList<SessionSnapshot> found = ids.Distinct()
            .Select(id => _rows.TryGetValue(id, out var s) && !s.Deleted ? s : null)
            .OfType<SessionSnapshot>()
            .ToList();
        return Task.FromResult(found);
    }

    public Task<SessionStats> GetStatsAsync(Guid? hostId, Guid? libraryId, CancellationToken cancellationToken = default)
    {
        var rows = RowsOf(hostId)
            .Where(s => !s.Deleted && (hostId is null || s.HostId == hostId) && (libraryId is null || s.LibraryId == libraryId))
            .ToList();
        long Count(SessionState state) => rows.Count(s => s.State == state);
        return Task.FromResult(new SessionStats(
            rows.Count,
            Count(SessionState.Scheduled),
            Count(SessionState.Live),
            Count(SessionState.Ended),
            Count(SessionState.Cancelled),
            Count(SessionState.Expired),
            rows.Where(s => s.State == SessionState.Ended).Sum(s => s.DurationSeconds)));
    }

    private IEnumerable<SessionSnapshot> RowsOf(Guid? hostId) =>
        hostId is not { } host ? _rows.Values : _byHost.TryGetValue(host, out var hosted) ? hosted.Values : [];

    private static bool Matches(SessionSnapshot s, SessionQuery q) =>
        (q.LibraryId is null || s.LibraryId == q.LibraryId)
        && (q.RoomId is null || s.RoomId == q.RoomId)
        && (q.HostId is null || s.HostId == q.HostId)
        && (q.States is null || q.States.Contains(s.State))
        && (q.Type is null || s.Type == q.Type)
        && (q.Visibility is null || s.Visibility == q.Visibility || (q.OrMemberId is { } member && (s.HostId == member || s.Participants.Any(p => p.UserId == member))))
        && (q.TitleContains is null || s.Name.Contains(q.TitleContains, StringComparison.OrdinalIgnoreCase))
        && (q.CreatedFrom is null || s.CreatedOn >= q.CreatedFrom)
        && (q.CreatedTo is null || s.CreatedOn <= q.CreatedTo)
        && (q.ScheduledFrom is null || s.ScheduledAt >= q.ScheduledFrom)
        && (q.ScheduledTo is null || s.ScheduledAt <= q.ScheduledTo);
}
