using Roomcast.Audience;
using Roomcast.WebApi.Infrastructure;

namespace Roomcast.WebApi.Contracts;

/// <summary>
/// One attendee of a session, however often they joined. Who is present right now, and when each was last seen, is
/// <c>GET .../viewers</c>: presence refreshes are kept by the session's grain, not written to these rows.
/// </summary>
/// <param name="Present">Whether they are in the session now.</param>
/// <param name="Visits">How many times they came in.</param>
/// <param name="WatchedSeconds">Time present over all visits, the one in progress included.</param>
public sealed record AttendanceResponse(
    Guid UserId,
    string DisplayName,
    [property: EnumValues<AttendeeRole>] string Role,
    DateTimeOffset FirstJoinedAt,
    DateTimeOffset? LastLeftAt,
    bool Present,
    int Visits,
    long WatchedSeconds)
{
    public static AttendanceResponse From(AttendanceRecord record, DateTimeOffset now) => new(
        record.UserId, record.DisplayName, ApiEnum.Name(record.Role), record.FirstJoinedAt, record.LastLeftAt,
        record.OpenSince is not null, record.Visits, (long)record.WatchedAt(now).TotalSeconds);
}
