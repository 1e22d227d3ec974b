namespace Roomcast.Grains.Presets;

/// <summary>What a shelf persists: the owner's presets in creation order, and which one is the default.</summary>
[GenerateSerializer, Alias("Roomcast.PresetShelfGrainState")]
public sealed record PresetShelfGrainState
{
    [Id(0)] public IReadOnlyList<PresetShelfEntry> Entries { get; init; } = [];

    [Id(1)] public Guid? DefaultId { get; init; }
}
