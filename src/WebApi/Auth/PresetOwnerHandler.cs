using Microsoft.AspNetCore.Authorization;
using Roomcast.Presets;

namespace Roomcast.WebApi.Auth;

/// <summary>Decides <see cref="PresetOwnerRequirement"/>: the preset's owner and admins.</summary>
public sealed class PresetOwnerHandler : AuthorizationHandler<PresetOwnerRequirement, ScopedResource<PresetSnapshot>>
{
    protected override Task HandleRequirementAsync(
        AuthorizationHandlerContext context, PresetOwnerRequirement requirement, ScopedResource<PresetSnapshot> resource)
    {
        var caller = Caller.From(context.User);
        if (caller.IsAdmin || caller.UserId == resource.Resource.OwnerId)
        {
            context.Succeed(requirement);
        }

        return Task.CompletedTask;
    }
}
