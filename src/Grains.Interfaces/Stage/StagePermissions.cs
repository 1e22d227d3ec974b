namespace Roomcast.Stage;

/// <summary>What a person on the stage may publish: their microphone, their camera, their screen (with its sound).</summary>
[GenerateSerializer, Immutable, Alias("Roomcast.StagePermissions")]
public sealed record StagePermissions(
    [property: Id(0)] bool Audio,
    [property: Id(1)] bool Video,
    [property: Id(2)] bool ScreenShare)
{
    /// <summary>What an approval grants unless told otherwise: speak and be seen, no screen.</summary>
    public static readonly StagePermissions Default = new(Audio: true, Video: true, ScreenShare: false);

    public bool CanPublishAnything => Audio || Video || ScreenShare;

    /// <summary>True when these take away something <paramref name="before"/> allowed.</summary>
    public bool Withdraws(StagePermissions before) =>
        (before.Audio && !Audio) || (before.Video && !Video) || (before.ScreenShare && !ScreenShare);
}
