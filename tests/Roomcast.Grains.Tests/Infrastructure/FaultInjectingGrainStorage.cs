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
    private readonly ConcurrentDictionary<GrainId, ArmedFault> _armed = new();

    public void Inject(IAddressable grain, StorageFault fault) => _faults[grain.GetGrainId()] = fault;

    public void Heal(IAddressable grain)
    {
        _faults.TryRemove(grain.GetGrainId(), out _);
        _armed.TryRemove(grain.GetGrainId(), out _);
    }

    /// <summary>
    /// Lets the grain's next <paramref name="writesToPass"/> writes through, then injects <paramref name="fault"/>: a
    /// failure between two writes of one call (the first committed, the second not).
    /// </summary>
    public void InjectAfterWrites(IAddressable grain, int writesToPass, StorageFault fault) =>
        _armed[grain.GetGrainId()] = new ArmedFault(writesToPass, fault);

    public Task ReadStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) =>
        FaultOf(grainId) == StorageFault.Unreachable
            ? throw Injected(grainId)
            : inner.ReadStateAsync(stateName, grainId, grainState);

    public async Task WriteStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        CountDownArmedFault(grainId);
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

    private void CountDownArmedFault(GrainId grainId)
    {
        while (_armed.TryGetValue(grainId, out var armed))
        {
            var next = armed with { WritesToPass = armed.WritesToPass - 1 };
            if (armed.WritesToPass > 0 ? _armed.TryUpdate(grainId, next, armed) : _armed.TryRemove(new(grainId, armed)))
            {
                if (armed.WritesToPass == 0)
                {
                    _faults[grainId] = armed.Fault;
                }

                return;
            }
        }
    }

    private StorageFault? FaultOf(GrainId grainId) => _faults.TryGetValue(grainId, out var fault) ? fault : null;

    // Not serializable by Orleans on purpose, like a database driver's exception.
    private static IOException Injected(GrainId grainId) => new($"Injected storage failure for {grainId}.");
}

internal sealed record ArmedFault(int WritesToPass, StorageFault Fault);

public enum StorageFault
{
    /// <summary>Writes and clears fail before anything is stored.</summary>
    RefuseWrites,

    /// <summary>Writes are stored, then fail as if the connection dropped before the commit was acknowledged.</summary>
    LoseAcknowledgement,

    /// <summary>Reads, writes and clears all fail.</summary>
    Unreachable,
}
