using Roomcast.Grains.Expiry;
using Roomcast.Identity;

namespace Roomcast.Grains.Identity;

[GenerateSerializer, Alias("Roomcast.AuthCodeGrainState")]
public sealed record AuthCodeGrainState : IExpiringState
{
    /// <summary>The pending grant; null before issue and after the code was used (state cleared).</summary>
    [Id(0)] public AuthCodeGrant? Grant { get; init; }

    [Id(1)] public DateTimeOffset ExpiresAt { get; init; }

    DateTimeOffset? IExpiringState.ExpiresAt => Grant is null ? null : ExpiresAt;
}
