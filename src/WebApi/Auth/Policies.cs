using Microsoft.AspNetCore.Authorization;
using Roomcast.Identity;
using Roomcast.WebApi.Infrastructure;

namespace Roomcast.WebApi.Auth;

/// <summary>Names of the authorization policies, and the rules they stand for.</summary>
public static class Policies
{
    /// <summary>Admins only.</summary>
    public const string Admin = "admin";

    /// <summary>Hosts and admins: may own rooms and run sessions.</summary>
    public const string Host = "host";

    /// <summary>A person signed in with an access token, not a server with an API key (who has no profile to sign in as).</summary>
    public const string User = "user";

    public static void Add(AuthorizationBuilder builder)
    {
        builder
            .AddPolicy(Admin, p => p.RequireAuthenticatedUser().RequireClaim(RoomcastClaims.Role, ApiEnum.Name(UserRole.Admin)))
            .AddPolicy(Host, p => p.RequireAuthenticatedUser()
                .RequireClaim(RoomcastClaims.Role, ApiEnum.Name(UserRole.Host), ApiEnum.Name(UserRole.Admin)))
            .AddPolicy(User, p => p.RequireAuthenticatedUser()
                .RequireAssertion(c => !c.User.HasClaim(ApiKeyDefaults.AuthMethodClaim, ApiKeyDefaults.AuthMethodApiKey)));
    }
}
