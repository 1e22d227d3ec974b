namespace Roomcast.WebApi.Tests.Infrastructure;

// The wire shapes as a client reads them (snake_case via ApiJson.Options); written here, not borrowed
// from the API, so that a renamed field fails a test instead of passing silently.

public sealed record UserDto(Guid Id, string? Email, string DisplayName, string Role, Guid LibraryId, DateTimeOffset CreatedOn);

public sealed record AuthDto(string AccessToken, string TokenType, int ExpiresIn, UserDto User);

public sealed record RoomDto(
    Guid Id, Guid OwnerId, Guid LibraryId, string Title, string? Description, string Visibility,
    long SessionsCreated, int LiveSessions, long ChangeSequence, DateTimeOffset CreatedOn, DateTimeOffset UpdatedOn);

public sealed record SessionDto(
    Guid Id, Guid RoomId, Guid HostId, Guid LibraryId, string Name, string? Description, string Type, string State, string Visibility,
    DateTimeOffset ScheduledAt, DateTimeOffset? StartedAt, DateTimeOffset? EndedAt, string? EndReason, long Duration,
    DateTimeOffset Timestamp, SettingsDto Settings, ConfigDto Config, IReadOnlyList<SourceDto> Sources, MetaDto Meta,
    string Product, Guid User, int Version, long ChangeSequence, DateTimeOffset CreatedOn, DateTimeOffset UpdatedOn);

public sealed record SettingsDto(bool ChatEnabled, bool PollsEnabled, bool HandRaiseEnabled, bool RecordingEnabled, int MaxStageParticipants, int? MaxViewers = null);

public sealed record ConfigDto(int MaxDurationSeconds, bool RemoveMedia);

public sealed record SourceDto(string Id, string Name, string Type, string Device, bool Enabled, DateTimeOffset ChangedAt);

public sealed record MetaDto(DateTimeOffset? Expires, HealthCheckDto HealthCheck, string WorkerState);

public sealed record HealthCheckDto(string Status, DateTimeOffset? LastCheckAt, DateTimeOffset? LastHostSignalAt, string? Reason);

public sealed record ListDto<T>(IReadOnlyList<T> Items, int Limit, string? NextCursor, string? PrevCursor);

public sealed record StatsDto(long Total, long Scheduled, long Live, long Ended, long Cancelled, long Expired, long TotalLiveSeconds);

public sealed record DeletedDto(Guid Id, bool Deleted);
