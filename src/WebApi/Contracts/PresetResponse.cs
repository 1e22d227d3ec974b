using Roomcast.Presets;

namespace Roomcast.WebApi.Contracts;

/// <summary>
/// A preset: its settings, <c>is_default</c> (the one its owner's sessions take when they name no preset),
/// <c>max_viewers</c> null for no cap and <c>max_duration_seconds</c> null for the deployment's maximum.
/// </summary>
public sealed record PresetResponse(
    Guid Id,
    Guid OwnerId,
    Guid LibraryId,
    string Name,
    bool ChatEnabled,
    bool PollsEnabled,
    bool HandRaiseEnabled,
    bool RecordingEnabled,
    int MaxStageParticipants,
    int? MaxViewers,
    int? MaxDurationSeconds,
    bool IsDefault,
    long ChangeSequence,
    DateTimeOffset CreatedOn,
    DateTimeOffset UpdatedOn)
{
    public static PresetResponse From(PresetSnapshot preset, Guid? defaultId) => new(
        preset.Id, preset.OwnerId, preset.LibraryId, preset.Name,
        preset.Settings.ChatEnabled, preset.Settings.PollsEnabled, preset.Settings.HandRaiseEnabled, preset.Settings.RecordingEnabled,
        preset.Settings.MaxStageParticipants, preset.Settings.MaxViewers, preset.MaxDurationSeconds,
        preset.Id == defaultId, preset.ChangeSequence, preset.CreatedOn, preset.UpdatedOn);
}
