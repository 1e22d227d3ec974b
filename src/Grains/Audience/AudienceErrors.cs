using Roomcast.Audience;
using Roomcast.Errors;
using Roomcast.Sessions;

namespace Roomcast.Grains.Audience;

/// <summary>The refusals of admission, each with its own code.</summary>
public static class AudienceErrors
{
    public static RoomcastException NotLive(SessionState state)
    {
        var name = state.ToString().ToLowerInvariant();
        return new RoomcastException(ErrorKind.Conflict, "session_not_live",
            $"The session is {name}; only a live session can be joined.", [new FieldError("state", name)]);
    }

    public static RoomcastException Banned(SessionBan ban) =>
        new(ErrorKind.Forbidden, "banned",
            ban.ExpiresAt is { } until ? $"You are banned from this session until {until:O}." : "You are banned from this session.",
            ban.ExpiresAt is { } expires ? [new FieldError("expires_at", expires.ToString("O"))] : null);

    /// <summary>
    /// Refuses the banned (first: a ban also ends presence), then, when presence is required, the absent with
    /// <paramref name="notJoined"/> (each feature words it for itself).
    /// </summary>
    public static void Require(AudienceStanding standing, Func<RoomcastException> notJoined, bool presenceRequired = true)
    {
        if (standing.Ban is { } ban)
        {
            throw Banned(ban);
        }

        if (presenceRequired && !standing.Present)
        {
            throw notJoined();
        }
    }

    public static RoomcastException SessionFull(int cap) =>
        new(ErrorKind.Conflict, "session_full", $"The session is full: it admits {cap} viewers at once.",
            [new FieldError("max_viewers", cap.ToString(System.Globalization.CultureInfo.InvariantCulture))]);
}
