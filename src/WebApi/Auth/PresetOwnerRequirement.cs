using Microsoft.AspNetCore.Authorization;

namespace Roomcast.WebApi.Auth;

/// <summary>A preset is private to its owner (and admins): seeing it and changing it are the same right.</summary>
public sealed class PresetOwnerRequirement : IAuthorizationRequirement
{
    public static readonly PresetOwnerRequirement Instance = new();

    private PresetOwnerRequirement()
    {
    }
}
