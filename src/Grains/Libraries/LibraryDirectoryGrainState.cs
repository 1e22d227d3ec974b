using Roomcast.Libraries;

namespace Roomcast.Grains.Libraries;

[GenerateSerializer, Alias("Roomcast.LibraryDirectoryGrainState")]
public sealed record LibraryDirectoryGrainState
{
    [Id(0)] public IReadOnlyList<LibraryProfile> Libraries { get; init; } = [];
}
