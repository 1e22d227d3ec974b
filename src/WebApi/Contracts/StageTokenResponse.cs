using Roomcast.Stage;

namespace Roomcast.WebApi.Contracts;

/// <summary>A LiveKit token for a stage member: it publishes exactly <paramref name="PublishSources"/>.</summary>
/// <param name="PublishSources">LiveKit's <c>canPublishSources</c> in the token: camera, microphone, screen_share, screen_share_audio.</param>
public sealed record StageTokenResponse(
    Guid SessionId,
    string Token,
    string LivekitUrl,
    string RoomName,
    string Identity,
    bool CanPublishAudio,
    bool CanPublishVideo,
    bool CanShareScreen,
    IReadOnlyList<string> PublishSources,
    DateTimeOffset ExpiresAt)
{
    public static StageTokenResponse From(Guid sessionId, StageAdmission admission) => new(
        sessionId, admission.Token, admission.Url, admission.Room, admission.Identity, admission.Permissions.Audio,
        admission.Permissions.Video, admission.Permissions.ScreenShare, admission.Sources, admission.ExpiresAt);
}
