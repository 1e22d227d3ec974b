namespace Roomcast.WebApi.Tests.Infrastructure;

// Wire shapes of libraries and API keys, written from the client's side (see Dtos.cs).

public sealed record LibraryDto(Guid Id, string Name, DateTimeOffset CreatedOn);

public sealed record ApiKeyDto(
    Guid Id, string Name, string Role, Guid LibraryId, string Prefix, string Last4, DateTimeOffset CreatedOn, DateTimeOffset? RevokedOn);

public sealed record CreatedApiKeyDto(
    Guid Id, string Name, string Role, Guid LibraryId, string Key, string Prefix, string Last4, DateTimeOffset CreatedOn);
