using Roomcast.Audience;

namespace Roomcast.Grains.Audience;

/// <summary>
/// What a session's audience grain persists: its bans, its peak and its end. Who is present is not here: the open
/// attendance rows in <see cref="IAttendanceLog"/> are that record, read back on activation.
/// </summary>
[GenerateSerializer, Alias("Roomcast.SessionAudienceState")]
public sealed record SessionAudienceState
{
    [Id(0)] public IReadOnlyList<SessionBan> Bans { get; init; } = [];

    [Id(1)] public int PeakConcurrentViewers { get; init; }

    [Id(2)] public DateTimeOffset? PeakAt { get; init; }

    /// <summary>Set once the session ended and every open record was closed; nobody joins after it.</summary>
    [Id(3)] public DateTimeOffset? EndedAt { get; init; }
}
