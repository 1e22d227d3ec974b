using Microsoft.AspNetCore.Authorization;
using Roomcast.Rooms;
using Roomcast.Sessions;

namespace Roomcast.WebApi.Auth;

/// <summary>Decides <see cref="OwnershipRequirement"/> for rooms (owner) and sessions (host).</summary>
public sealed class OwnershipHandler : AuthorizationHandler<OwnershipRequirement>
{
    protected override Task HandleRequirementAsync(AuthorizationHandlerContext context, OwnershipRequirement requirement)
    {
        var (ownerId, visibility) = context.Resource switch
        {
            RoomSnapshot room => (room.OwnerId, room.Visibility),
            SessionSnapshot session => (session.HostId, session.Visibility),
            _ => (Guid.Empty, Visibility.Private),
        };

        if (ownerId != Guid.Empty && context.User.Identity?.IsAuthenticated == true)
        {
            var caller = Caller.From(context.User);
            if (caller.IsAdmin || caller.UserId == ownerId || (requirement.MayView && visibility == Visibility.Public))
            {
                context.Succeed(requirement);
            }
        }

        return Task.CompletedTask;
    }
}
