namespace Roomcast.Identity;

/// <summary>The user an email signs in as, and the password hash to check (hashing happens in the API, not in a grain turn).</summary>
[GenerateSerializer, Immutable, Alias("Roomcast.EmailCredential")]
public sealed record EmailCredential(
    [property: Id(0)] Guid UserId,
    [property: Id(1)] string PasswordHash);
