using Roomcast.Errors;
using Roomcast.Presets;
using Roomcast.Sessions;
using Roomcast.WebApi.Infrastructure;

namespace Roomcast.WebApi.Contracts;

/// <summary>
/// A partial preset change: absent fields stay; <c>max_viewers: 0</c> lifts the viewer cap and
/// <c>max_duration_seconds: 0</c> returns to the deployment's maximum.
/// </summary>
public sealed record UpdatePresetRequest(
    string? Name,
    bool? ChatEnabled,
    bool? PollsEnabled,
    bool? HandRaiseEnabled,
    bool? RecordingEnabled,
    int? MaxStageParticipants,
    int? MaxViewers,
    int? MaxDurationSeconds,
    long? ChangeSequence) : IValidatableRequest
{
    public IEnumerable<FieldError> Validate(RequestValidationContext context)
    {
        foreach (var error in FieldRules.Text("name", Name, CreatePresetRequest.MaxNameLength, required: false)
                     .Concat(CreatePresetRequest.SettingRules(MaxStageParticipants, MaxViewers, MaxDurationSeconds, context, lowest: 0))
                     .Concat(FieldRules.ChangeSequence(ChangeSequence)))
        {
            yield return error;
        }

        if (Name is not null && FieldRules.IsBlank(Name))
        {
            yield return new FieldError("name", "must not be blank");
        }

        if (Name is null && ChatEnabled is null && PollsEnabled is null && HandRaiseEnabled is null && RecordingEnabled is null
            && MaxStageParticipants is null && MaxViewers is null && MaxDurationSeconds is null)
        {
            yield return new FieldError("body", "names no field to change");
        }
    }

    public PresetPatch ToPatch() => new(
        Name?.Trim(),
        new SessionSettingsPatch(ChatEnabled, PollsEnabled, HandRaiseEnabled, RecordingEnabled, MaxStageParticipants, MaxViewers),
        MaxDurationSeconds);
}
