namespace Roomcast.LiveKit;

/// <summary>
/// The <c>video</c> grant of a LiveKit access token, as far as Roomcast hands them out: which room, and what the
/// holder may do there.
/// </summary>
public sealed record LiveKitVideoGrant(
    string Room,
    bool RoomJoin,
    bool CanPublish,
    bool CanSubscribe,
    bool CanPublishData,
    bool Hidden)
{
    /// <summary>
    /// LiveKit's <c>canPublishSources</c>: the only track sources the holder may publish (<see cref="LiveKitTrackSources"/>).
    /// Null leaves it out of the token, and <see cref="CanPublish"/> alone decides (every source).
    /// </summary>
    public IReadOnlyList<string>? CanPublishSources { get; init; }
}
