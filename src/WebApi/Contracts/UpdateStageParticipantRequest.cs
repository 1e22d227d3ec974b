using Roomcast.Errors;
using Roomcast.Stage;
using Roomcast.WebApi.Infrastructure;

namespace Roomcast.WebApi.Contracts;

/// <summary>What a stage member may publish from now on; absent fields keep their value, at least one must be given.</summary>
public sealed record UpdateStageParticipantRequest(bool? CanPublishAudio, bool? CanPublishVideo, bool? CanShareScreen) : IValidatableRequest
{
    public StagePermissions ApplyTo(StagePermissions current) => new(
        CanPublishAudio ?? current.Audio, CanPublishVideo ?? current.Video, CanShareScreen ?? current.ScreenShare);

    public IEnumerable<FieldError> Validate(RequestValidationContext context)
    {
        if (CanPublishAudio is null && CanPublishVideo is null && CanShareScreen is null)
        {
            yield return new FieldError("can_publish_audio", "give at least one of can_publish_audio, can_publish_video, can_share_screen");
        }
        else if (CanPublishAudio == false && CanPublishVideo == false && CanShareScreen == false)
        {
            yield return new FieldError("can_publish_audio", "a stage member must be allowed to publish something (take them off the stage instead)");
        }
    }
}
