namespace Roomcast.Identity;

/// <summary>What a one-time code stands for: the user it signs in, and why (with the session of a studio code).</summary>
[GenerateSerializer, Immutable, Alias("Roomcast.AuthCodeGrant")]
public sealed record AuthCodeGrant(
    [property: Id(0)] Guid UserId,
    [property: Id(1)] AuthCodePurpose Purpose,
    [property: Id(2)] Guid? SessionId);
