namespace Roomcast.LiveKit;

/// <summary>The LiveKit room of each session: one room per session, named after it.</summary>
public static class LiveKitRoomNames
{
    public static string ForSession(Guid sessionId) => $"session-{sessionId:D}";
}
