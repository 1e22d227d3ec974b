using Roomcast.ApiKeys;
using Roomcast.Libraries;

namespace Roomcast.Grains.Libraries;

[GenerateSerializer, Alias("Roomcast.LibraryGrainState")]
public sealed record LibraryGrainState
{
    [Id(0)] public LibraryProfile? Profile { get; init; }

    /// <summary>The library's API keys (metadata only, revoked ones included), in the order they were issued.</summary>
    [Id(1)] public IReadOnlyList<ApiKeyInfo> ApiKeys { get; init; } = [];
}
