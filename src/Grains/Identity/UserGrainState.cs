using Roomcast.Identity;

namespace Roomcast.Grains.Identity;

[GenerateSerializer, Alias("Roomcast.UserGrainState")]
public sealed record UserGrainState
{
    [Id(0)] public UserProfile? Profile { get; init; }
}
