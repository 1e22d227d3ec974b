using Roomcast.Identity;

namespace Roomcast.ApiKeys;

/// <summary>
/// What may be shown about an API key: never its secret. <see cref="Prefix"/> (the key's non-secret start) and
/// <see cref="Last4"/> let people tell keys apart.
/// </summary>
[GenerateSerializer, Immutable, Alias("Roomcast.ApiKeyInfo")]
public sealed record ApiKeyInfo(
    [property: Id(0)] Guid Id,
    [property: Id(1)] Guid LibraryId,
    [property: Id(2)] string Name,
    [property: Id(3)] UserRole Role,
    [property: Id(4)] string Prefix,
    [property: Id(5)] string Last4,
    [property: Id(6)] DateTimeOffset CreatedOn,
    [property: Id(7)] DateTimeOffset? RevokedOn)
{
    public bool IsRevoked => RevokedOn is not null;
}
