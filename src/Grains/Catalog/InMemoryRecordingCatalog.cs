using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using Roomcast.Catalog;
using Roomcast.Recordings;

namespace Roomcast.Grains.Catalog;

/// <summary>The dev-mode recording catalog: one process, lost on restart.</summary>
public sealed class InMemoryRecordingCatalog : IRecordingCatalog
{
    private readonly ConcurrentDictionary<Guid, RecordingSnapshot> _rows = new();

    public bool WrittenWithGrainState => false;

    public Task UpsertAsync(RecordingSnapshot recording, CancellationToken cancellationToken = default)
    {
        _rows.AddOrUpdate(recording.Id, recording,
            (_, stored) => recording.ChangeSequence > stored.ChangeSequence ? recording : stored);
        return Task.CompletedTask;
    }

    public Task<Page<RecordingSnapshot>> ListAsync(RecordingQuery query, PageRequest page, CancellationToken cancellationToken = default)
    {
        var rows = _rows.Values.Where(r =>
            !r.Deleted
            && (query.LibraryId is null || r.LibraryId == query.LibraryId)
            && (query.OwnerId is null || r.OwnerId == query.OwnerId)
            && (query.SessionId is null || r.SessionId == query.SessionId)
            && (query.Status is null || r.Status == query.Status));
        return Task.FromResult(KeysetPager.Paginate(rows, r => new CatalogCursor(r.CreatedOn, r.Id), page));
    }

    public async IAsyncEnumerable<RecordingSnapshot> ReadAllAsync([EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        // A copy taken at the start, so that writes while the caller reads neither repeat nor skip a row.
        foreach (var row in _rows.Values.OrderBy(r => r.Id).ToList())
        {
            cancellationToken.ThrowIfCancellationRequested();
            yield return row;
        }

        await Task.CompletedTask;
    }
}
