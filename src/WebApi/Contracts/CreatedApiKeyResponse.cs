using Roomcast.ApiKeys;
using Roomcast.WebApi.Infrastructure;

namespace Roomcast.WebApi.Contracts;

/// <summary>A key just issued: the only response that carries <c>key</c>, the full secret. It is not stored and cannot be shown again.</summary>
public sealed record CreatedApiKeyResponse(
    Guid Id, string Name, [property: ApiKeyRoleValues] string Role, Guid LibraryId, string Key, string Prefix, string Last4, DateTimeOffset CreatedOn)
{
    public static CreatedApiKeyResponse From(ApiKeyInfo info, string key) =>
        new(info.Id, info.Name, ApiEnum.Name(info.Role), info.LibraryId, key, info.Prefix, info.Last4, info.CreatedOn);
}
