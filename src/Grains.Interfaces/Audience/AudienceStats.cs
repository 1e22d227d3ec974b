namespace Roomcast.Audience;

/// <summary>A session's audience in numbers, viewers only (staff are not audience).</summary>
[GenerateSerializer, Immutable, Alias("Roomcast.AudienceStats")]
public sealed record AudienceStats(
    [property: Id(0)] int UniqueViewers,
    [property: Id(1)] int PresentViewers,
    [property: Id(2)] int PeakConcurrentViewers,
    [property: Id(3)] DateTimeOffset? PeakAt,
    [property: Id(4)] TimeSpan TotalWatchTime,
    [property: Id(5)] TimeSpan AverageWatchTime);
