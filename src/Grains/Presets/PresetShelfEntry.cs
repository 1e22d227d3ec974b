namespace Roomcast.Grains.Presets;

/// <summary>One preset on its owner's shelf: enough to order, page and filter the listing without asking the preset.</summary>
[GenerateSerializer, Immutable, Alias("Roomcast.PresetShelfEntry")]
public sealed record PresetShelfEntry(
    [property: Id(0)] Guid Id,
    [property: Id(1)] DateTimeOffset CreatedOn,
    [property: Id(2)] Guid LibraryId);
