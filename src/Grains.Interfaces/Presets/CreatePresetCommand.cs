using Roomcast.Sessions;

namespace Roomcast.Presets;

/// <summary>Everything needed to create a preset; validated by the API.</summary>
[GenerateSerializer, Immutable, Alias("Roomcast.CreatePresetCommand")]
public sealed record CreatePresetCommand(
    [property: Id(0)] Guid OwnerId,
    [property: Id(1)] Guid LibraryId,
    [property: Id(2)] string Name,
    [property: Id(3)] SessionSettings Settings,
    [property: Id(4)] int? MaxDurationSeconds);
