using Roomcast.Errors;
using Roomcast.Stage;
using Roomcast.WebApi.Infrastructure;

namespace Roomcast.WebApi.Contracts;

/// <summary>What an approval grants (optional body; absent fields: audio and video, no screen share).</summary>
public sealed record StageGrantRequest(bool? CanPublishAudio, bool? CanPublishVideo, bool? CanShareScreen) : IValidatableRequest
{
    public StagePermissions Permissions => new(
        CanPublishAudio ?? StagePermissions.Default.Audio,
        CanPublishVideo ?? StagePermissions.Default.Video,
        CanShareScreen ?? StagePermissions.Default.ScreenShare);

    public IEnumerable<FieldError> Validate(RequestValidationContext context)
    {
        if (!Permissions.CanPublishAnything)
        {
            yield return new FieldError("can_publish_audio", "an approval must allow publishing something (reject instead)");
        }
    }
}
