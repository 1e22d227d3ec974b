using Microsoft.AspNetCore.Authorization;

namespace Roomcast.WebApi.Auth;

/// <summary>The resource belongs to the library the request is confined to.</summary>
public sealed class TenantRequirement : IAuthorizationRequirement
{
    public static readonly TenantRequirement Instance = new();
}
