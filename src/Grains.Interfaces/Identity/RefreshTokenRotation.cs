namespace Roomcast.Identity;

/// <summary>A successful rotation: whose family it is and when the family (every token of it) expires.</summary>
[GenerateSerializer, Immutable, Alias("Roomcast.RefreshTokenRotation")]
public sealed record RefreshTokenRotation(
    [property: Id(0)] Guid UserId,
    [property: Id(1)] DateTimeOffset ExpiresAt);
