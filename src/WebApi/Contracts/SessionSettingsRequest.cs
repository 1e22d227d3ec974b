using Roomcast.Errors;
using Roomcast.Sessions;
using Roomcast.WebApi.Infrastructure;

namespace Roomcast.WebApi.Contracts;

/// <summary>
/// Runtime settings; on create, absent fields take the session type's defaults; on update, absent fields stay.
/// <c>max_viewers</c> caps the viewers present at once (hosts, co-hosts and moderators are not counted); 0 lifts the cap.
/// </summary>
public sealed record SessionSettingsRequest(
    bool? ChatEnabled,
    bool? PollsEnabled,
    bool? HandRaiseEnabled,
    bool? RecordingEnabled,
    int? MaxStageParticipants,
    long? ChangeSequence,
    int? MaxViewers = null) : IValidatableRequest
{
    public IEnumerable<FieldError> Validate(RequestValidationContext context)
    {
        foreach (var error in FieldRules.Range("max_stage_participants", MaxStageParticipants, 1, SessionSettings.StageLimit)
                     .Concat(FieldRules.Range("max_viewers", MaxViewers, 0, SessionSettings.ViewerLimit))
                     .Concat(FieldRules.ChangeSequence(ChangeSequence)))
        {
            yield return error;
        }

        if (ChatEnabled is null && PollsEnabled is null && HandRaiseEnabled is null && RecordingEnabled is null && MaxStageParticipants is null
            && MaxViewers is null)
        {
            yield return new FieldError("body", "names no setting to change");
        }
    }

    public SessionSettingsPatch ToPatch() =>
        new(ChatEnabled, PollsEnabled, HandRaiseEnabled, RecordingEnabled, MaxStageParticipants, MaxViewers);
}
