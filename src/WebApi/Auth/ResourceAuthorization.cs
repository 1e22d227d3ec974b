using System.Security.Claims;
using Microsoft.AspNetCore.Authorization;
using Roomcast.Errors;
using Roomcast.Rooms;
using Roomcast.Sessions;

namespace Roomcast.WebApi.Auth;

/// <summary>
/// Applies the resource policies to rooms and sessions: what a caller may not even see is a 404 (its
/// existence is not revealed); what they may see but not change is a 403.
/// </summary>
public sealed class ResourceAuthorization(IAuthorizationService authorization)
{
    public Task RequireViewerAsync(ClaimsPrincipal user, RoomSnapshot room) => RequireAsync(user, room, "Room", mayChange: false);

    public Task RequireOwnerAsync(ClaimsPrincipal user, RoomSnapshot room) => RequireAsync(user, room, "Room", mayChange: true);

    public Task RequireViewerAsync(ClaimsPrincipal user, SessionSnapshot session) => RequireAsync(user, session, "Session", mayChange: false);

    public Task RequireOwnerAsync(ClaimsPrincipal user, SessionSnapshot session) => RequireAsync(user, session, "Session", mayChange: true);

    private async Task RequireAsync(ClaimsPrincipal user, object resource, string what, bool mayChange)
    {
        if (!(await authorization.AuthorizeAsync(user, resource, Policies.Viewer)).Succeeded)
        {
            throw RoomcastException.NotFound(what);
        }

        if (mayChange && !(await authorization.AuthorizeAsync(user, resource, Policies.Owner)).Succeeded)
        {
            throw RoomcastException.Forbidden($"Only the {(what == "Room" ? "room's owner" : "session's host")} or an admin may do this.");
        }
    }
}
