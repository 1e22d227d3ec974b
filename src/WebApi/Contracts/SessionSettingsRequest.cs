using Roomcast.Errors;
using Roomcast.Sessions;
using Roomcast.WebApi.Infrastructure;

namespace Roomcast.WebApi.Contracts;

/// <summary>Runtime settings; on create, absent fields take the session type's defaults; on update, absent fields stay.</summary>
public sealed record SessionSettingsRequest(
    bool? ChatEnabled,
    bool? PollsEnabled,
    bool? HandRaiseEnabled,
    bool? RecordingEnabled,
    int? MaxStageParticipants,
    long? ChangeSequence) : IValidatableRequest
{
    public IEnumerable<FieldError> Validate(RequestValidationContext context)
    {
        foreach (var error in FieldRules.Range("max_stage_participants", MaxStageParticipants, 1, SessionSettings.StageLimit)
                     .Concat(FieldRules.ChangeSequence(ChangeSequence)))
        {
            yield return error;
        }

        if (ChatEnabled is null && PollsEnabled is null && HandRaiseEnabled is null && RecordingEnabled is null && MaxStageParticipants is null)
        {
            yield return new FieldError("body", "names no setting to change");
        }
    }

    public SessionSettingsPatch ToPatch() =>
        new(ChatEnabled, PollsEnabled, HandRaiseEnabled, RecordingEnabled, MaxStageParticipants);
}
