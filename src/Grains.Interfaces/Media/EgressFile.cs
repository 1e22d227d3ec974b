namespace Roomcast.Media;

/// <summary>The file an egress wrote (its first file result).</summary>
[GenerateSerializer, Immutable, Alias("Roomcast.EgressFile")]
public sealed record EgressFile(
    [property: Id(0)] string Filename,
    [property: Id(1)] string? Location,
    [property: Id(2)] long SizeBytes,
    [property: Id(3)] double DurationSeconds);
