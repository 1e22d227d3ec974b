namespace Roomcast.WebApi.Contracts;

/// <summary>A bearer token and the user it speaks for.</summary>
public sealed record AuthResponse(string AccessToken, string TokenType, int ExpiresIn, UserResponse User);
