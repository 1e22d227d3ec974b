namespace Roomcast.WebApi.Tests.Infrastructure;

// Wire shapes of the auth flows, written here (not borrowed from the API) so a renamed field fails a test.

public sealed record AuthUserDto(Guid Id, string? Email, string DisplayName, string Role, Guid LibraryId, DateTimeOffset CreatedOn);

public sealed record TokenPairDto(string AccessToken, string TokenType, int ExpiresIn, string RefreshToken, int RefreshExpiresIn, AuthUserDto User);

public sealed record ViewerRegisterDto(
    string AccessToken, string TokenType, int ExpiresIn, string RefreshToken, int RefreshExpiresIn, AuthUserDto User, string DeviceToken);

public sealed record AuthCodeDto(string Code, int ExpiresIn);

public sealed record StudioUrlDto(string Url, int ExpiresIn);

public sealed record LogoutDto(bool LoggedOut);
