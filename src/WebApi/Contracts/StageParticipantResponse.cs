using Roomcast.Stage;

namespace Roomcast.WebApi.Contracts;

/// <summary>Someone on the stage and what they may publish.</summary>
public sealed record StageParticipantResponse(Guid UserId, bool CanPublishAudio, bool CanPublishVideo, bool CanShareScreen, DateTimeOffset AddedAt)
{
    public static StageParticipantResponse From(StageMember member) => new(
        member.UserId, member.Permissions.Audio, member.Permissions.Video, member.Permissions.ScreenShare, member.AddedAt);
}
