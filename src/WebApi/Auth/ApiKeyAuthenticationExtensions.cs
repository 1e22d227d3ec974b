using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.JwtBearer;

namespace Roomcast.WebApi.Auth;

public static class ApiKeyAuthenticationExtensions
{
    /// <summary>
    /// Adds the API-key scheme and the <see cref="ApiKeyDefaults.BearerOrApiKey"/> policy scheme, which sends a
    /// request with an <c>x-api-key</c> header to the API-key scheme and any other to JWT bearer. Made the
    /// default scheme, it lets every <c>RequireAuthorization(...)</c> accept either credential.
    /// </summary>
    public static AuthenticationBuilder AddApiKey(this AuthenticationBuilder builder) => builder
        .AddScheme<AuthenticationSchemeOptions, ApiKeyAuthenticationHandler>(ApiKeyDefaults.Scheme, "API key (x-api-key)", null)
        .AddPolicyScheme(ApiKeyDefaults.BearerOrApiKey, "Bearer token or API key", o => o.ForwardDefaultSelector = context =>
            context.Request.Headers.ContainsKey(ApiKeyDefaults.HeaderName) ? ApiKeyDefaults.Scheme : JwtBearerDefaults.AuthenticationScheme);
}
