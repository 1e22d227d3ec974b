using Microsoft.AspNetCore.Authorization;
using Roomcast.Sessions;

namespace Roomcast.WebApi.Auth;

/// <summary>
/// Decides <see cref="SessionPermissionRequirement"/> from the caller's part in the session: admins and the
/// host may do anything, co-hosts may run it, moderators may moderate it, and anyone may view a public one.
/// </summary>
public sealed class SessionPermissionHandler : AuthorizationHandler<SessionPermissionRequirement, ScopedResource<SessionSnapshot>>
{
    protected override Task HandleRequirementAsync(
        AuthorizationHandlerContext context, SessionPermissionRequirement requirement, ScopedResource<SessionSnapshot> resource)
    {
        if (GrantedTo(Caller.From(context.User), resource.Resource) >= requirement.Permission)
        {
            context.Succeed(requirement);
        }

        return Task.CompletedTask;
    }

    private static SessionPermission? GrantedTo(Caller caller, SessionSnapshot session)
    {
        if (caller.IsAdmin || caller.UserId == session.HostId)
        {
            return SessionPermission.Manage;
        }

        var role = session.Participants.FirstOrDefault(p => p.UserId == caller.UserId)?.Role;
        return role switch
        {
            SessionRole.CoHost => SessionPermission.Run,
            SessionRole.Moderator => SessionPermission.Moderate,
            _ => session.Visibility == Visibility.Public ? SessionPermission.View : null,
        };
    }
}
