using Microsoft.AspNetCore.Authorization;

namespace Roomcast.WebApi.Auth;

/// <summary>Decides <see cref="TenantRequirement"/>: nothing of another library is in reach.</summary>
public sealed class TenantHandler : AuthorizationHandler<TenantRequirement, IScopedResource>
{
    protected override Task HandleRequirementAsync(AuthorizationHandlerContext context, TenantRequirement requirement, IScopedResource resource)
    {
        if (resource.ScopeLibraryId is null ? Caller.From(context.User).IsAdmin : resource.ScopeLibraryId == resource.ResourceLibraryId)
        {
            context.Succeed(requirement);
        }

        return Task.CompletedTask;
    }
}
