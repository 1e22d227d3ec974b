using Roomcast.Recordings;

namespace Roomcast.Catalog;

/// <summary>
/// The read model of recordings (same contract as <see cref="ISessionCatalog"/>): recording grains project their
/// state into it; listings and the storage janitor read it. Writes are idempotent and ignored when they carry an
/// older change sequence than the stored row. Failures surface as <c>StorageUnavailableException</c>.
/// </summary>
public interface IRecordingCatalog
{
    /// <summary>True when grain storage writes a recording's row in the same commit as its state (PostgreSQL).</summary>
    bool WrittenWithGrainState { get; }

    /// <summary>Stores the snapshot unless the catalog already holds a newer or equal change sequence.</summary>
    Task UpsertAsync(RecordingSnapshot recording, CancellationToken cancellationToken = default);

    /// <summary>One keyset page of the recordings matching the query, newest first by (created, id); deleted ones never.</summary>
    Task<Page<RecordingSnapshot>> ListAsync(RecordingQuery query, PageRequest page, CancellationToken cancellationToken = default);

    /// <summary>
    /// Every recording row, deleted ones included, in id order, read as it streams: the storage janitor's view of which
    /// files are owned (by a row not deleted) and which recordings are past retention.
    /// </summary>
    IAsyncEnumerable<RecordingSnapshot> ReadAllAsync(CancellationToken cancellationToken = default);
}
