using Microsoft.AspNetCore.Authorization;

namespace Roomcast.WebApi.Auth;

/// <summary>The caller owns the resource, or is an admin; with <paramref name="mayView"/>, a public resource is enough.</summary>
public sealed class OwnershipRequirement(bool mayView) : IAuthorizationRequirement
{
    public bool MayView { get; } = mayView;
}
