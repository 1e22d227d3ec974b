using Roomcast.Sessions;

namespace Roomcast.Catalog;

/// <summary>
/// The read model of sessions: grains project their state into it; listings, filters and stats read
/// from it instead of fanning out to grains. Writes are idempotent and ignored when they carry an
/// older change sequence than the stored row, so retries and re-projections are safe.
/// </summary>
public interface ISessionCatalog
{
    /// <summary>
    /// True when grain storage writes a session's row in the same commit as the session's state (PostgreSQL), so
    /// the grain need not upsert after a write.
    /// </summary>
    bool WrittenWithGrainState { get; }

    /// <summary>Stores the snapshot unless the catalog already holds a newer or equal change sequence.</summary>
    Task UpsertAsync(SessionSnapshot session, CancellationToken cancellationToken = default);

    /// <summary>Lists sessions matching the query, newest first.</summary>
    Task<Page<SessionSnapshot>> ListAsync(SessionQuery query, PageRequest page, CancellationToken cancellationToken = default);

    /// <summary>Returns the sessions with these ids that exist and are not deleted.</summary>
    Task<IReadOnlyList<SessionSnapshot>> GetManyAsync(IReadOnlyCollection<Guid> ids, CancellationToken cancellationToken = default);

    /// <summary>Counts sessions by state, of one host and/or one library; nulls widen the count.</summary>
    Task<SessionStats> GetStatsAsync(Guid? hostId, Guid? libraryId, CancellationToken cancellationToken = default);
}
