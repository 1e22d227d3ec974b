namespace Roomcast.Events;

/// <summary>The event types of a session's live stream (SSE <c>event:</c>).</summary>
public static class SessionEventTypes
{
    public const string ChatMessage = "chat.message";
    public const string ChatDeleted = "chat.deleted";
    public const string PollCreated = "poll.created";
    public const string PollVoted = "poll.voted";
    public const string PollClosed = "poll.closed";
    public const string HandRaised = "hand.raised";
    public const string HandLowered = "hand.lowered";
    public const string StageRequested = "stage.requested";
    public const string StageChanged = "stage.changed";
    public const string Viewers = "viewers.count";
    public const string SessionState = "session.state";
    public const string ParticipantBanned = "participant.banned";
    public const string RecordingStatus = "recording.status";

    /// <summary>Sent instead of a replay the hub no longer holds: the client should reload what it shows.</summary>
    public const string Reload = "reload";
}
