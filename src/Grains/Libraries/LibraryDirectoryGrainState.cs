using Roomcast.Libraries;

namespace Roomcast.Grains.Libraries;

[GenerateSerializer, Alias("Roomcast.LibraryDirectoryGrainState")]
public sealed class LibraryDirectoryGrainState
{
    [Id(0)] public List<LibraryProfile> Libraries { get; set; } = [];
}
