using System.Collections.Concurrent;
using Orleans.Metadata;

namespace Roomcast.WebApi.Infrastructure;

/// <summary>
/// Grain references by key, with each interface's grain type resolved once. <c>IGrainFactory.GetGrain&lt;T&gt;</c>
/// reads the interface's attributes on every call; on a hot read that was most of the handler's own CPU time
/// (dotnet-trace, README Performance), so request handlers take their references from here.
/// </summary>
public sealed class GrainReferences(
    IGrainFactory grains,
    GrainInterfaceTypeResolver interfaceTypes,
    GrainInterfaceTypeToGrainTypeResolver grainTypes)
{
    private readonly ConcurrentDictionary<Type, (GrainType Grain, GrainInterfaceType Interface)> _types = new();

    public TGrain Get<TGrain>(Guid key)
        where TGrain : IGrainWithGuidKey
    {
        var (grainType, interfaceType) = _types.GetOrAdd(typeof(TGrain), type =>
        {
            var resolved = interfaceTypes.GetGrainInterfaceType(type);
            return (grainTypes.GetGrainType(resolved), resolved);
        });
        return (TGrain)grains.GetGrain(GrainId.Create(grainType, GrainIdKeyExtensions.CreateGuidKey(key)), interfaceType);
    }
}
