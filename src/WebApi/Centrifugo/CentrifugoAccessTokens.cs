using System.Security.Claims;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Tokens;
using Roomcast.WebApi.Auth;

namespace Roomcast.WebApi.Centrifugo;

/// <summary>
/// Validates a Roomcast access token handed over by Centrifugo with exactly what the API's bearer authentication uses:
/// the JwtBearer scheme's own token handlers and validation parameters (issuer, audience, key, lifetime, clock skew,
/// and the validation cache). Only access tokens count: an API key is no JWT and fails here.
/// </summary>
public sealed class CentrifugoAccessTokens(IOptionsMonitor<JwtBearerOptions> bearer)
{
    public async Task<TokenCheck> ValidateAsync(string token)
    {
        var options = bearer.Get(JwtBearerDefaults.AuthenticationScheme);
        TokenCheck? outcome = null;
        foreach (var handler in options.TokenHandlers)
        {
            var result = await handler.ValidateTokenAsync(token, options.TokenValidationParameters);
            if (result.IsValid && result.ClaimsIdentity is { } identity && result.SecurityToken is { } securityToken)
            {
                var principal = new ClaimsPrincipal(identity);
                return Caller.Read(type => identity.FindFirst(type)?.Value) is { } caller
                    ? new TokenCheck(TokenCheckOutcome.Valid, caller, principal.FindFirstValue(RoomcastClaims.Name) ?? "",
                        new DateTimeOffset(securityToken.ValidTo, TimeSpan.Zero))
                    : new TokenCheck(TokenCheckOutcome.Invalid);
            }

            outcome ??= result.Exception is SecurityTokenExpiredException
                ? new TokenCheck(TokenCheckOutcome.Expired)
                : null;
        }

        return outcome ?? new TokenCheck(TokenCheckOutcome.Invalid);
    }
}

public enum TokenCheckOutcome
{
    Valid,
    Invalid,
    Expired,
}

/// <summary>A token's verdict; for a valid one, who it names, their display name and when it expires.</summary>
public sealed record TokenCheck(TokenCheckOutcome Outcome, Caller? Caller = null, string Name = "", DateTimeOffset ExpiresAt = default);
