using Roomcast.Sessions;

namespace Roomcast.Presets;

/// <summary>A partial change of a preset; null members stay as they are.</summary>
/// <param name="MaxDurationSeconds">A new maximum; <see cref="DeploymentMaxDuration"/> goes back to the deployment's.</param>
[GenerateSerializer, Immutable, Alias("Roomcast.PresetPatch")]
public sealed record PresetPatch(
    [property: Id(0)] string? Name,
    [property: Id(1)] SessionSettingsPatch Settings,
    [property: Id(2)] int? MaxDurationSeconds)
{
    /// <summary>A <see cref="MaxDurationSeconds"/> of zero clears the preset's own maximum.</summary>
    public const int DeploymentMaxDuration = 0;

    public PresetSnapshot ApplyTo(PresetSnapshot preset) => preset with
    {
        Name = Name ?? preset.Name,
        Settings = Settings.ApplyTo(preset.Settings),
        MaxDurationSeconds = MaxDurationSeconds switch
        {
            null => preset.MaxDurationSeconds,
            DeploymentMaxDuration => null,
            var seconds => seconds,
        },
    };
}
