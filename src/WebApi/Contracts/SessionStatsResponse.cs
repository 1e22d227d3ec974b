namespace Roomcast.WebApi.Contracts;

public sealed record SessionStatsResponse(
    long Total,
    long Scheduled,
    long Live,
    long Ended,
    long Cancelled,
    long Expired,
    long TotalLiveSeconds);
