using System.Security.Claims;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;
using Roomcast.ApiKeys;
using Roomcast.WebApi.Infrastructure;

namespace Roomcast.WebApi.Auth;

/// <summary>
/// Authenticates the <c>x-api-key</c> header: the key grain named in the key checks the secret. The principal
/// carries the claims of an access token (<c>sub</c> = key id, <c>role</c>, <c>lib</c>, <c>name</c> = key name)
/// plus <c>auth_method: api_key</c>. A malformed, unknown or revoked key is a 401; a request that also carries an
/// <c>Authorization</c> header is a 400 (<c>ambiguous_credentials</c>): which of two identities should act is
/// not something the API guesses. Every grain call is a fresh check, so a revoked key stops working at once.
/// The key itself is never logged.
/// </summary>
public sealed class ApiKeyAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options,
    ILoggerFactory logger,
    UrlEncoder encoder,
    GrainReferences grains,
    Envelope envelope) : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    private const string AmbiguousFailure = "The request carries both an Authorization header and an API key.";

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        if (!Request.Headers.TryGetValue(ApiKeyDefaults.HeaderName, out var values))
        {
            return AuthenticateResult.NoResult();
        }

        if (Request.Headers.ContainsKey(HeaderNames.Authorization))
        {
            return AuthenticateResult.Fail(AmbiguousFailure);
        }

        if (values.Count != 1 || !ApiKeyFormat.TryParse(values[0], out var keyId, out var secret))
        {
            return AuthenticateResult.Fail("The API key is malformed.");
        }

        var key = await grains.Get<IApiKeyGrain>(keyId).VerifyAsync(secret);
        if (key is null)
        {
            return AuthenticateResult.Fail("The API key is unknown or revoked, or its secret does not match.");
        }

        var identity = new ClaimsIdentity(
            [
                new Claim(RoomcastClaims.Subject, key.Id.ToString()),
                new Claim(RoomcastClaims.Name, key.Name),
                new Claim(RoomcastClaims.Role, ApiEnum.Name(key.Role)),
                new Claim(RoomcastClaims.Library, key.LibraryId.ToString()),
                new Claim(ApiKeyDefaults.AuthMethodClaim, ApiKeyDefaults.AuthMethodApiKey),
            ],
            Scheme.Name, RoomcastClaims.Name, RoomcastClaims.Role);
        return AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(CallerIdentity.Of(identity)), Scheme.Name));
    }

    protected override async Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        var result = await HandleAuthenticateOnceSafeAsync();
        if (result.Failure?.Message == AmbiguousFailure)
        {
            Response.StatusCode = StatusCodes.Status400BadRequest;
            await Response.WriteAsJsonAsync(envelope.Error("ambiguous_credentials",
                "Send either Authorization: Bearer or x-api-key, not both."));
            return;
        }

        Response.StatusCode = StatusCodes.Status401Unauthorized;
        Response.Headers.WWWAuthenticate = $"{ApiKeyDefaults.Scheme} header=\"{ApiKeyDefaults.HeaderName}\"";
        await Response.WriteAsJsonAsync(envelope.Error("unauthorized", "The API key is malformed, unknown or revoked."));
    }
}
