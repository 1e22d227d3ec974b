using System.Globalization;

namespace Roomcast.WebApi.Contracts;

/// <summary>The columns of the attendance export: the fields of <see cref="AttendanceResponse"/>, in its order.</summary>
public static class AttendanceCsv
{
    public static readonly IReadOnlyList<string> Header =
        ["user_id", "display_name", "role", "first_joined_at", "last_left_at", "present", "visits", "watched_seconds"];

    public static IEnumerable<string> Fields(AttendanceResponse row) =>
    [
        row.UserId.ToString("D"),
        row.DisplayName,
        row.Role,
        Timestamp(row.FirstJoinedAt),
        row.LastLeftAt is { } left ? Timestamp(left) : "",
        row.Present ? "true" : "false",
        row.Visits.ToString(CultureInfo.InvariantCulture),
        row.WatchedSeconds.ToString(CultureInfo.InvariantCulture),
    ];

    private static string Timestamp(DateTimeOffset value) => value.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ss.fffZ", CultureInfo.InvariantCulture);
}
