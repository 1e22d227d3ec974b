using Roomcast.Errors;
using Roomcast.Presets;
using Roomcast.Sessions;
using Roomcast.WebApi.Infrastructure;

namespace Roomcast.WebApi.Contracts;

/// <summary>
/// A new preset: a name, and session settings that take the broadcast defaults when absent (no viewer cap, the
/// deployment's maximum duration).
/// </summary>
public sealed record CreatePresetRequest(
    string? Name,
    bool? ChatEnabled,
    bool? PollsEnabled,
    bool? HandRaiseEnabled,
    bool? RecordingEnabled,
    int? MaxStageParticipants,
    int? MaxViewers,
    int? MaxDurationSeconds) : IValidatableRequest
{
    public const int MaxNameLength = 100;

    public IEnumerable<FieldError> Validate(RequestValidationContext context) =>
        FieldRules.Text("name", Name, MaxNameLength, required: true)
            .Concat(SettingRules(MaxStageParticipants, MaxViewers, MaxDurationSeconds, context, lowest: 1));

    public CreatePresetCommand ToCommand(Guid ownerId, Guid libraryId) => new(
        ownerId,
        libraryId,
        Name!.Trim(),
        new SessionSettingsPatch(ChatEnabled, PollsEnabled, HandRaiseEnabled, RecordingEnabled, MaxStageParticipants, MaxViewers)
            .ApplyTo(SessionSettings.DefaultsFor(SessionType.Broadcast) with { MaxViewers = null }),
        MaxDurationSeconds);

    /// <summary>
    /// The ranges of the numeric settings; <paramref name="lowest"/> is 0 on update, where 0 lifts the viewer cap
    /// and returns the duration to the deployment's maximum. The duration's upper bound is the sessions' own
    /// (Sessions:MaxDuration), the one the silos enforce.
    /// </summary>
    internal static IEnumerable<FieldError> SettingRules(
        int? maxStageParticipants, int? maxViewers, int? maxDurationSeconds, RequestValidationContext context, int lowest)
    {
        var maxDuration = (int)context.Sessions.MaxDuration.TotalSeconds;
        return FieldRules.Range("max_stage_participants", maxStageParticipants, 1, SessionSettings.StageLimit)
            .Concat(FieldRules.Range("max_viewers", maxViewers, lowest, SessionSettings.ViewerLimit))
            .Concat(FieldRules.Range("max_duration_seconds", maxDurationSeconds, lowest, maxDuration));
    }
}
