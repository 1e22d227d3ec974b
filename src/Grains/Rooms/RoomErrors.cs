using Roomcast.Errors;

namespace Roomcast.Grains.Rooms;

internal static class RoomErrors
{
    /// <summary>The code of a room delete refused because a session of the room is live (the room or the session says so).</summary>
    public const string HasLiveSessionsCode = "room_has_live_sessions";

    public static RoomcastException HasLiveSessions(string message) => new(ErrorKind.Conflict, HasLiveSessionsCode, message);
}
