namespace Roomcast.Sessions;

/// <summary>A host media source as last broadcast by the host (seed 000's <c>sources</c>).</summary>
[GenerateSerializer, Immutable, Alias("Roomcast.MediaSource")]
public sealed record MediaSource(
    [property: Id(0)] string Id,
    [property: Id(1)] string Name,
    [property: Id(2)] MediaKind Type,
    [property: Id(3)] string Device,
    [property: Id(4)] bool Enabled,
    [property: Id(5)] DateTimeOffset ChangedAt);
