namespace Roomcast.WebApi.Auth;

/// <summary>Names of the API-key scheme: the header, the authentication schemes and the claim that says how a caller signed in.</summary>
public static class ApiKeyDefaults
{
    /// <summary>The header servers send their key in (seed 001).</summary>
    public const string HeaderName = "x-api-key";

    /// <summary>The authentication scheme that checks <see cref="HeaderName"/>.</summary>
    public const string Scheme = "ApiKey";

    /// <summary>Claim naming how the caller authenticated; API-key principals carry <see cref="AuthMethodApiKey"/>.</summary>
    public const string AuthMethodClaim = "auth_method";

    public const string AuthMethodApiKey = "api_key";
}
