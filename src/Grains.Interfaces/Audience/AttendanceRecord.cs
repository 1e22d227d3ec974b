namespace Roomcast.Audience;

/// <summary>
/// One attendee of one session: however often they join, one record. <see cref="OpenSince"/> is set while they are
/// present; <see cref="WatchedMilliseconds"/> sums their closed visits.
/// </summary>
[GenerateSerializer, Immutable, Alias("Roomcast.AttendanceRecord")]
public sealed record AttendanceRecord(
    [property: Id(0)] Guid SessionId,
    [property: Id(1)] Guid UserId,
    [property: Id(2)] string DisplayName,
    [property: Id(3)] AttendeeRole Role,
    [property: Id(4)] DateTimeOffset FirstJoinedAt,
    [property: Id(5)] DateTimeOffset LastSeenAt,
    [property: Id(6)] DateTimeOffset? OpenSince,
    [property: Id(7)] DateTimeOffset? LastLeftAt,
    [property: Id(8)] long WatchedMilliseconds,
    [property: Id(9)] int Visits)
{
    /// <summary>Watch time up to <paramref name="now"/>, the visit in progress included.</summary>
    public TimeSpan WatchedAt(DateTimeOffset now) =>
        TimeSpan.FromMilliseconds(WatchedMilliseconds) + (OpenSince is { } since && now > since ? now - since : TimeSpan.Zero);
}
