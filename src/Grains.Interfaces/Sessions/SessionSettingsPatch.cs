namespace Roomcast.Sessions;

/// <summary>A partial change of <see cref="SessionSettings"/>; null members stay as they are.</summary>
[GenerateSerializer, Immutable, Alias("Roomcast.SessionSettingsPatch")]
public sealed record SessionSettingsPatch(
    [property: Id(0)] bool? ChatEnabled,
    [property: Id(1)] bool? PollsEnabled,
    [property: Id(2)] bool? HandRaiseEnabled,
    [property: Id(3)] bool? RecordingEnabled,
    [property: Id(4)] int? MaxStageParticipants,
    [property: Id(5)] int? MaxViewers = null)
{
    /// <summary>A <see cref="MaxViewers"/> of zero lifts the cap.</summary>
    public const int NoViewerCap = 0;

    public SessionSettings ApplyTo(SessionSettings settings) => new(
        ChatEnabled ?? settings.ChatEnabled,
        PollsEnabled ?? settings.PollsEnabled,
        HandRaiseEnabled ?? settings.HandRaiseEnabled,
        RecordingEnabled ?? settings.RecordingEnabled,
        MaxStageParticipants ?? settings.MaxStageParticipants,
        MaxViewers switch
        {
            null => settings.MaxViewers,
            NoViewerCap => null,
            var cap => cap,
        });
}
