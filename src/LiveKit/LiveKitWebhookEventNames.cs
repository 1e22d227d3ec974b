namespace Roomcast.LiveKit;

/// <summary>The <c>event</c> values of LiveKit's webhooks (livekit/protocol's <c>WebhookEvent</c>).</summary>
public static class LiveKitWebhookEventNames
{
    public const string RoomStarted = "room_started";
    public const string RoomFinished = "room_finished";
    public const string ParticipantJoined = "participant_joined";
    public const string ParticipantLeft = "participant_left";
    public const string TrackPublished = "track_published";
    public const string TrackUnpublished = "track_unpublished";
    public const string EgressStarted = "egress_started";
    public const string EgressUpdated = "egress_updated";
    public const string EgressEnded = "egress_ended";
}
