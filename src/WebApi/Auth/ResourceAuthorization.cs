using Roomcast.Errors;
using Roomcast.Presets;
using Roomcast.Rooms;
using Roomcast.Sessions;
using Roomcast.WebApi.Infrastructure;

namespace Roomcast.WebApi.Auth;

/// <summary>
/// The rules of who may do what with a room, a session or a preset, applied to the caller of a request: what a caller
/// may not even see (another library's, or private and not theirs) is a 404, so its existence is not revealed; what
/// they may see but not do is a 403. The route itself has already required an authenticated caller.
/// </summary>
/// <remarks>
/// These were authorization policies with one requirement handler each, run through <c>IAuthorizationService</c>. On the
/// hot read that machinery (policy lookup by name, a handler context and requirement set, every handler enumerated)
/// allocated more than the decision it carried; the rules are the same, decided here directly (README Performance).
/// </remarks>
public sealed class ResourceAuthorization
{
    public Task RequireAsync(RequestScope scope, RoomSnapshot room, RoomPermission permission)
    {
        var caller = scope.Caller;
        if (!InReach(scope, room.LibraryId) || !RoomGrants(caller, room, RoomPermission.View))
        {
            throw RoomcastException.NotFound("Room");
        }

        return RoomGrants(caller, room, permission) ? Task.CompletedTask : throw Forbidden("room", ApiEnum.Name(permission));
    }

    public Task RequireAsync(RequestScope scope, SessionSnapshot session, SessionPermission permission)
    {
        if (!InReach(scope, session.LibraryId) || GrantedTo(scope.Caller, session) is not { } granted)
        {
            throw RoomcastException.NotFound("Session");
        }

        return granted >= permission ? Task.CompletedTask : throw Forbidden("session", ApiEnum.Name(permission));
    }

    /// <summary>A preset is private: anyone but its owner (and admins in scope) is told it does not exist.</summary>
    public Task RequireAsync(RequestScope scope, PresetSnapshot preset) =>
        InReach(scope, preset.LibraryId) && (scope.Caller.IsAdmin || scope.Caller.UserId == preset.OwnerId)
            ? Task.CompletedTask
            : throw RoomcastException.NotFound("Preset");

    /// <summary>The tenant boundary: nothing of another library is in reach; an admin outside library-scoped routes reaches every library.</summary>
    private static bool InReach(RequestScope scope, Guid resourceLibraryId) =>
        scope.LibraryId is { } library ? library == resourceLibraryId : scope.Caller.IsAdmin;

    /// <summary>Admins and the owner may do anything with a room; others may view public rooms.</summary>
    private static bool RoomGrants(Caller caller, RoomSnapshot room, RoomPermission permission) =>
        caller.IsAdmin || caller.UserId == room.OwnerId || (permission == RoomPermission.View && room.Visibility == Visibility.Public);

    /// <summary>
    /// The most the caller may do with the session, from their part in it: admins and the host anything, co-hosts run it,
    /// moderators moderate it, anyone views a public one; null when they may not even see it.
    /// </summary>
    private static SessionPermission? GrantedTo(Caller caller, SessionSnapshot session)
    {
        if (caller.IsAdmin || caller.UserId == session.HostId)
        {
            return SessionPermission.Manage;
        }

        SessionRole? role = null;
        foreach (var participant in session.Participants)
        {
            if (participant.UserId == caller.UserId)
            {
                role = participant.Role;
                break;
            }
        }

        return role switch
        {
            SessionRole.CoHost => SessionPermission.Run,
            SessionRole.Moderator => SessionPermission.Moderate,
            _ => session.Visibility == Visibility.Public ? SessionPermission.View : null,
        };
    }

    private static RoomcastException Forbidden(string what, string permission) =>
        RoomcastException.Forbidden($"Your role in this {what} does not grant '{permission}'.");
}
