namespace Roomcast.WebApi.Tests.Audience;

public sealed record RightsDto(bool CanPublish, bool CanSubscribe, bool CanPublishData, bool Hidden);

public sealed record JoinDto(
    Guid SessionId, string Token, string LivekitUrl, string RoomName, string Identity, string Role, RightsDto Permissions,
    DateTimeOffset ExpiresAt, bool Rejoined);

public sealed record LeaveDto(Guid SessionId, Guid UserId, bool Left);

public sealed record ActiveViewerDto(Guid UserId, string DisplayName, string Role, DateTimeOffset JoinedAt, DateTimeOffset LastSeenAt);

public sealed record AttendanceDto(
    Guid UserId, string DisplayName, string Role, DateTimeOffset FirstJoinedAt, DateTimeOffset? LastLeftAt,
    bool Present, int Visits, long WatchedSeconds);

public sealed record AttendanceStatsDto(
    Guid SessionId, int UniqueViewers, int PresentViewers, int PeakConcurrentViewers, DateTimeOffset? PeakAt, long TotalWatchSeconds,
    long AverageWatchSeconds);

public sealed record BanDto(Guid UserId, string? Reason, Guid BannedBy, DateTimeOffset BannedAt, DateTimeOffset? ExpiresAt);

public sealed record BanStatusDto(Guid SessionId, bool Banned, BanDto? Ban);

public sealed record UnbannedDto(Guid SessionId, Guid UserId, bool Unbanned);
