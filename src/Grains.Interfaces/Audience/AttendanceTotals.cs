namespace Roomcast.Audience;

/// <summary>What a session's attendance rows add up to, viewers only (hosts, co-hosts, moderators and admins are staff).</summary>
/// <param name="UniqueViewers">Viewers who joined at least once.</param>
/// <param name="ClosedWatchedMilliseconds">Watch time of their finished visits (visits in progress are the grain's to add).</param>
[GenerateSerializer, Immutable, Alias("Roomcast.AttendanceTotals")]
public sealed record AttendanceTotals(
    [property: Id(0)] int UniqueViewers,
    [property: Id(1)] long ClosedWatchedMilliseconds);
