namespace Roomcast.WebApi.Auth;

public sealed record AccessToken(string Token, int ExpiresIn);
