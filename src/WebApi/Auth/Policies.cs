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

    /// <summary>The owner of the room or session in question, or an admin (resource-based).</summary>
    public const string Owner = "owner";

    /// <summary>Anyone who may see the resource: public, or owned by the caller, or the caller is an admin (resource-based).</summary>
    public const string Viewer = "viewer";

    public static void Add(Microsoft.AspNetCore.Authorization.AuthorizationBuilder builder) => builder
        .AddPolicy(Admin, p => p.RequireAuthenticatedUser().RequireClaim(RoomcastClaims.Role, ApiEnum.Name(UserRole.Admin)))
        .AddPolicy(Host, p => p.RequireAuthenticatedUser()
            .RequireClaim(RoomcastClaims.Role, ApiEnum.Name(UserRole.Host), ApiEnum.Name(UserRole.Admin)))
        .AddPolicy(Owner, p => p.RequireAuthenticatedUser().AddRequirements(new OwnershipRequirement(mayView: false)))
        .AddPolicy(Viewer, p => p.RequireAuthenticatedUser().AddRequirements(new OwnershipRequirement(mayView: true)));
}
