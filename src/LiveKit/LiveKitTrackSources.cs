namespace Roomcast.LiveKit;

/// <summary>The track sources of LiveKit's <c>canPublishSources</c>, spelled as in access tokens (the JS SDK's <c>Track.Source</c>).</summary>
public static class LiveKitTrackSources
{
    public const string Camera = "camera";
    public const string Microphone = "microphone";
    public const string ScreenShare = "screen_share";
    public const string ScreenShareAudio = "screen_share_audio";

    public static readonly IReadOnlyList<string> All = [Camera, Microphone, ScreenShare, ScreenShareAudio];

    /// <summary>
    /// The name of a source in LiveKit's protobuf <c>TrackSource</c> enum (<c>CAMERA</c>, <c>SCREEN_SHARE_AUDIO</c>), as
    /// the RoomService's JSON expects it in <c>ParticipantPermission.can_publish_sources</c>.
    /// </summary>
    public static string ProtoName(string source) => source.ToUpperInvariant();
}
