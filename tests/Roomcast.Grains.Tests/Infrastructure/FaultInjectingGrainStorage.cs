using System.Collections.Concurrent;
using Orleans.Storage;

namespace Roomcast.Grains.Tests.Infrastructure;

/// <summary>
/// Grain storage that fails on demand for chosen grains, in front of the real (in-memory) provider: a write refused
/// outright, or a write that commits but whose acknowledgement is lost. Everything else passes through.
/// </summary>
public sealed class FaultInjectingGrainStorage(IGrainStorage inner) : IGrainStorage
{
    private readonly ConcurrentDictionary<GrainId, StorageFault> _faults = new();

    public void Inject(IAddressable grain, StorageFault fault) => _faults[grain.GetGrainId()] = fault;

    public void Heal(IAddressable grain) => _faults.TryRemove(grain.GetGrainId(), out _);

    public Task ReadStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) =>
        FaultOf(grainId) == StorageFault.Unreachable
            ? throw Injected(grainId)
            : inner.ReadStateAsync(stateName, grainId, grainState);

    public async Task WriteStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        switch (FaultOf(grainId))
        {
            case StorageFault.Unreachable:
            case StorageFault.RefuseWrites:
                throw Injected(grainId);
            case StorageFault.LoseAcknowledgement:
                await inner.WriteStateAsync(stateName, grainId, grainState);
                throw Injected(grainId);
            default:
                await inner.WriteStateAsync(stateName, grainId, grainState);
                break;
        }
    }

    public Task ClearStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) =>
        FaultOf(grainId) is StorageFault.Unreachable or StorageFault.RefuseWrites
            ? throw Injected(grainId)
            : inner.ClearStateAsync(stateName, grainId, grainState);

    private StorageFault? FaultOf(GrainId grainId) => _faults.TryGetValue(grainId, out var fault) ? fault : null;

    // Not serializable by Orleans on purpose, like a database driver's exception.
    private static IOException Injected(GrainId grainId) => new($"Injected storage failure for {grainId}.");
}

public enum StorageFault
{
    /// <summary>Writes and clears fail before anything is stored.</summary>
    RefuseWrites,

    /// <summary>Writes are stored, then fail as if the connection dropped before the commit was acknowledged.</summary>
    LoseAcknowledgement,

    /// <summary>Reads, writes and clears all fail.</summary>
    Unreachable,
}
