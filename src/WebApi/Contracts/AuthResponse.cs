namespace Roomcast.WebApi.Contracts;

/// <summary>A bearer token, the refresh token that renews it (single use; rotate on every refresh), and the user they speak for.</summary>
public sealed record AuthResponse(
    string AccessToken, string TokenType, int ExpiresIn, string RefreshToken, int RefreshExpiresIn, UserResponse User);
