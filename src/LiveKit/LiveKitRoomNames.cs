namespace Roomcast.LiveKit;

/// <summary>The LiveKit room of each session: one room per session, named after it.</summary>
public static class LiveKitRoomNames
{
    private const string SessionPrefix = "session-";

    public static string ForSession(Guid sessionId) => $"{SessionPrefix}{sessionId:D}";

    /// <summary>The session whose room this is; false for a room Roomcast did not name.</summary>
    public static bool TryGetSession(string? roomName, out Guid sessionId)
    {
        sessionId = Guid.Empty;
        return roomName is not null
               && roomName.StartsWith(SessionPrefix, StringComparison.Ordinal)
               && Guid.TryParseExact(roomName.AsSpan(SessionPrefix.Length), "D", out sessionId);
    }
}
