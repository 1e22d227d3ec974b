using Roomcast.Identity;

namespace Roomcast.Grains.Identity;

[GenerateSerializer, Alias("Roomcast.UserGrainState")]
public sealed class UserGrainState
{
    [Id(0)] public UserProfile? Profile { get; set; }
}
