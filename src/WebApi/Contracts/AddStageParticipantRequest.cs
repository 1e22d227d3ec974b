using Roomcast.Errors;
using Roomcast.Stage;
using Roomcast.WebApi.Infrastructure;

namespace Roomcast.WebApi.Contracts;

/// <summary>Someone present to put on the stage, and what they may publish (absent: audio and video, no screen share).</summary>
public sealed record AddStageParticipantRequest(Guid? UserId, bool? CanPublishAudio, bool? CanPublishVideo, bool? CanShareScreen)
    : IValidatableRequest
{
    public StagePermissions Permissions => new(
        CanPublishAudio ?? StagePermissions.Default.Audio,
        CanPublishVideo ?? StagePermissions.Default.Video,
        CanShareScreen ?? StagePermissions.Default.ScreenShare);

    public IEnumerable<FieldError> Validate(RequestValidationContext context)
    {
        if (UserId is null || UserId == Guid.Empty)
        {
            yield return new FieldError("user_id", "is required");
        }

        if (!Permissions.CanPublishAnything)
        {
            yield return new FieldError("can_publish_audio", "a stage member must be allowed to publish something (take them off the stage instead)");
        }
    }
}
