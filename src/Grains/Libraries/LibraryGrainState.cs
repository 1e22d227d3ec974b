using Roomcast.ApiKeys;
using Roomcast.Libraries;

namespace Roomcast.Grains.Libraries;

[GenerateSerializer, Alias("Roomcast.LibraryGrainState")]
public sealed class LibraryGrainState
{
    [Id(0)] public LibraryProfile? Profile { get; set; }

    /// <summary>The library's API keys (metadata only, revoked ones included), in the order they were issued.</summary>
    [Id(1)] public List<ApiKeyInfo> ApiKeys { get; set; } = [];
}
