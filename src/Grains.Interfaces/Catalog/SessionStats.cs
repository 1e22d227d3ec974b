namespace Roomcast.Catalog;

/// <summary>Dashboard counts of sessions by state, over the sessions a caller owns (or all, for admins).</summary>
public sealed record SessionStats(
    long Total,
    long Scheduled,
    long Live,
    long Ended,
    long Cancelled,
    long Expired,
    long TotalLiveSeconds);
