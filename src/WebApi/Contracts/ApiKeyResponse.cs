using Roomcast.ApiKeys;
using Roomcast.Identity;
using Roomcast.WebApi.Infrastructure;

namespace Roomcast.WebApi.Contracts;

/// <summary>An API key as listed: never its secret; <c>prefix</c> and <c>last4</c> tell keys apart.</summary>
public sealed record ApiKeyResponse(
    Guid Id, string Name, [property: EnumValues<UserRole>] string Role, Guid LibraryId, string Prefix, string Last4, DateTimeOffset CreatedOn, DateTimeOffset? RevokedOn)
{
    public static ApiKeyResponse From(ApiKeyInfo key) =>
        new(key.Id, key.Name, ApiEnum.Name(key.Role), key.LibraryId, key.Prefix, key.Last4, key.CreatedOn, key.RevokedOn);
}
