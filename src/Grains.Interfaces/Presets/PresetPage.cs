namespace Roomcast.Presets;

/// <summary>One page of an owner's presets, the owner's default, and the opaque cursors around the page (null at either end).</summary>
[GenerateSerializer, Immutable, Alias("Roomcast.PresetPage")]
public sealed record PresetPage(
    [property: Id(0)] IReadOnlyList<PresetSnapshot> Items,
    [property: Id(1)] Guid? DefaultId,
    [property: Id(2)] string? NextCursor,
    [property: Id(3)] string? PreviousCursor);
