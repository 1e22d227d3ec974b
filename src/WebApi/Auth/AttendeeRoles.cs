using Roomcast.Audience;
using Roomcast.Sessions;

namespace Roomcast.WebApi.Auth;

/// <summary>The part a caller plays in a session's audience, from the session's host and roles.</summary>
public static class AttendeeRoles
{
    public static AttendeeRole Of(Caller caller, SessionSnapshot session) => Of(caller.UserId, session, caller.IsAdmin);

    public static AttendeeRole Of(Guid userId, SessionSnapshot session, bool isAdmin = false)
    {
        if (userId == session.HostId)
        {
            return AttendeeRole.Host;
        }

        return session.Participants.FirstOrDefault(p => p.UserId == userId)?.Role switch
        {
            SessionRole.CoHost => AttendeeRole.CoHost,
            SessionRole.Moderator => AttendeeRole.Moderator,
            _ => isAdmin ? AttendeeRole.Admin : AttendeeRole.Viewer,
        };
    }

    /// <summary>Who may ban whom: only someone of higher standing; admins outrank every session role.</summary>
    public static int StandingOf(AttendeeRole role) => role switch
    {
        AttendeeRole.Viewer => 0,
        AttendeeRole.Moderator => 1,
        AttendeeRole.CoHost => 2,
        AttendeeRole.Host => 3,
        AttendeeRole.Admin => 4,
        _ => 0,
    };
}
