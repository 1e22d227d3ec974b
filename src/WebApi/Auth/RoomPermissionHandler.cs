using Microsoft.AspNetCore.Authorization;
using Roomcast.Rooms;

namespace Roomcast.WebApi.Auth;

/// <summary>Decides <see cref="RoomPermissionRequirement"/>: admins and the owner may do anything; others may view public rooms.</summary>
public sealed class RoomPermissionHandler : AuthorizationHandler<RoomPermissionRequirement, ScopedResource<RoomSnapshot>>
{
    protected override Task HandleRequirementAsync(
        AuthorizationHandlerContext context, RoomPermissionRequirement requirement, ScopedResource<RoomSnapshot> resource)
    {
        var caller = Caller.From(context.User);
        var room = resource.Resource;
        var allowed = caller.IsAdmin || caller.UserId == room.OwnerId
            || (requirement.Permission == RoomPermission.View && room.Visibility == Visibility.Public);
        if (allowed)
        {
            context.Succeed(requirement);
        }

        return Task.CompletedTask;
    }
}
