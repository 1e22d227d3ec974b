using Roomcast.Audience;

namespace Roomcast.WebApi.Contracts;

/// <summary>A session's audience in numbers; viewers only (hosts, co-hosts, moderators and admins are not counted).</summary>
public sealed record AttendanceStatsResponse(
    Guid SessionId,
    int UniqueViewers,
    int PresentViewers,
    int PeakConcurrentViewers,
    DateTimeOffset? PeakAt,
    long TotalWatchSeconds,
    long AverageWatchSeconds)
{
    public static AttendanceStatsResponse From(Guid sessionId, AudienceStats stats) => new(
        sessionId, stats.UniqueViewers, stats.PresentViewers, stats.PeakConcurrentViewers, stats.PeakAt,
        (long)stats.TotalWatchTime.TotalSeconds, (long)stats.AverageWatchTime.TotalSeconds);
}
