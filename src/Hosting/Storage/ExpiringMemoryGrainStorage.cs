using System.Collections.Concurrent;
using Orleans.Storage;
using Roomcast.Grains.Expiry;

namespace Roomcast.Hosting.Storage;

/// <summary>
/// Dev mode's grain storage: Orleans' in-memory storage, plus an index of the states that expire (sign-ins, codes)
/// so that the expiry sweep can delete them as PostgreSQL's does. The index lives in this process, as the states do.
/// </summary>
public sealed class ExpiringMemoryGrainStorage(IGrainStorage inner) : IGrainStorage, IExpiredStateSweeper
{
    private readonly ConcurrentDictionary<(string StateName, GrainId GrainId), (DateTimeOffset ExpiresAt, string? ETag)> _expiring = new();

    public Task ReadStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) =>
        inner.ReadStateAsync(stateName, grainId, grainState);

    public async Task WriteStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        await inner.WriteStateAsync(stateName, grainId, grainState);
        if (grainState.State is IExpiringState { ExpiresAt: { } expiresAt })
        {
            _expiring[(stateName, grainId)] = (expiresAt, grainState.ETag);
        }
        else
        {
            _expiring.TryRemove((stateName, grainId), out _);
        }
    }

    public async Task ClearStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        await inner.ClearStateAsync(stateName, grainId, grainState);
        _expiring.TryRemove((stateName, grainId), out _);
    }

    public async Task<int> SweepAsync(DateTimeOffset now, CancellationToken cancellationToken)
    {
        var deleted = 0;
        foreach (var (key, (expiresAt, etag)) in _expiring)
        {
            if (expiresAt > now)
            {
                continue;
            }

            try
            {
                // With the ETag of the last write: a state written again since (not expired after all) is kept.
                await inner.ClearStateAsync(key.StateName, key.GrainId, new GrainState<object>(new object(), etag));
                deleted++;
            }
            catch (InconsistentStateException)
            {
            }

            _expiring.TryRemove(KeyValuePair.Create(key, (expiresAt, etag)));
        }

        return deleted;
    }
}
