using Roomcast.Identity;

namespace Roomcast.Grains.Identity;

[GenerateSerializer, Alias("Roomcast.AuthCodeGrainState")]
public sealed class AuthCodeGrainState
{
    /// <summary>The pending grant; null before issue and after the code was used or lapsed (state cleared).</summary>
    [Id(0)] public AuthCodeGrant? Grant { get; set; }

    [Id(1)] public DateTimeOffset ExpiresAt { get; set; }
}
