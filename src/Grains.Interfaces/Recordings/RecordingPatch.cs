namespace Roomcast.Recordings;

/// <summary>A change of a recording's metadata; null members stay as they are.</summary>
/// <param name="ClearDescription">True to remove the description (a null <paramref name="Description"/> means "unchanged").</param>
[GenerateSerializer, Immutable, Alias("Roomcast.RecordingPatch")]
public sealed record RecordingPatch(
    [property: Id(0)] string? Title,
    [property: Id(1)] string? Description,
    [property: Id(2)] bool ClearDescription);
