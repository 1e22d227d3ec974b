using Roomcast.Libraries;

namespace Roomcast.Grains.Libraries;

[GenerateSerializer, Alias("Roomcast.LibraryGrainState")]
public sealed class LibraryGrainState
{
    [Id(0)] public LibraryProfile? Profile { get; set; }
}
