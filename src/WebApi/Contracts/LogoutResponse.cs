namespace Roomcast.WebApi.Contracts;

/// <summary>The same answer whether or not the token was valid, so logout tells nobody which tokens exist.</summary>
public sealed record LogoutResponse(bool LoggedOut);
