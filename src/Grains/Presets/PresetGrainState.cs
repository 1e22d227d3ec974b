using Roomcast.Presets;

namespace Roomcast.Grains.Presets;

/// <summary>What a preset grain persists: the preset, or nothing once it is deleted (or before it is created).</summary>
[GenerateSerializer, Alias("Roomcast.PresetGrainState")]
public sealed record PresetGrainState
{
    [Id(0)] public PresetSnapshot? Preset { get; init; }
}
