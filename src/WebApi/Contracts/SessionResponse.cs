using Roomcast.Sessions;
using Roomcast.WebApi.Infrastructure;

namespace Roomcast.WebApi.Contracts;

/// <summary>A session as seed 000 describes it, in snake_case, plus Roomcast's schedule and lifecycle fields.</summary>
public sealed record SessionResponse(
    Guid Id,
    Guid RoomId,
    Guid HostId,
    Guid LibraryId,
    string Name,
    string? Description,
    [property: EnumValues<SessionType>] string Type,
    [property: EnumValues<SessionState>] string State,
    [property: EnumValues<Visibility>] string Visibility,
    DateTimeOffset ScheduledAt,
    DateTimeOffset? StartedAt,
    DateTimeOffset? EndedAt,
    [property: EnumValues<EndReason>] string? EndReason,
    long Duration,
    DateTimeOffset Timestamp,
    SessionSettingsResponse Settings,
    SessionConfigResponse Config,
    IReadOnlyList<MediaSourceResponse> Sources,
    SessionMetaResponse Meta,
    string Product,
    Guid User,
    int Version,
    long ChangeSequence,
    DateTimeOffset CreatedOn,
    DateTimeOffset UpdatedOn)
{
    public static SessionResponse From(SessionSnapshot s) => new(
        s.Id, s.RoomId, s.HostId, s.LibraryId, s.Name, s.Description,
        ApiEnum.Name(s.Type), ApiEnum.Name(s.State), ApiEnum.Name(s.Visibility),
        s.ScheduledAt, s.StartedAt, s.EndedAt, s.EndReason is { } reason ? ApiEnum.Name(reason) : null,
        s.DurationSeconds, s.CreatedOn,
        new SessionSettingsResponse(s.Settings.ChatEnabled, s.Settings.PollsEnabled, s.Settings.HandRaiseEnabled,
            s.Settings.RecordingEnabled, s.Settings.MaxStageParticipants, s.Settings.MaxViewers),
        new SessionConfigResponse(s.Config.MaxDurationSeconds, s.Config.RemoveMedia),
        s.Sources.Select(m => new MediaSourceResponse(m.Id, m.Name, ApiEnum.Name(m.Type), m.Device, m.Enabled, m.ChangedAt)).ToList(),
        new SessionMetaResponse(
            s.Meta.Expires,
            new HealthCheckResponse(ApiEnum.Name(s.Meta.HealthCheck.Status), s.Meta.HealthCheck.LastCheckAt,
                s.Meta.HealthCheck.LastHostSignalAt, s.Meta.HealthCheck.Reason),
            ApiEnum.Name(s.Meta.WorkerState)),
        s.Product, s.CreatedBy, s.Version, s.ChangeSequence, s.CreatedOn, s.UpdatedOn);
}

/// <param name="MaxViewers">The cap on viewers present at once; null when there is none.</param>
public sealed record SessionSettingsResponse(
    bool ChatEnabled, bool PollsEnabled, bool HandRaiseEnabled, bool RecordingEnabled, int MaxStageParticipants, int? MaxViewers);

public sealed record SessionConfigResponse(int MaxDurationSeconds, bool RemoveMedia);

public sealed record MediaSourceResponse(string Id, string Name, [property: EnumValues<MediaKind>] string Type, string Device, bool Enabled, DateTimeOffset ChangedAt);

public sealed record SessionMetaResponse(DateTimeOffset? Expires, HealthCheckResponse HealthCheck, [property: EnumValues<WorkerState>] string WorkerState);

public sealed record HealthCheckResponse([property: EnumValues<HealthStatus>] string Status, DateTimeOffset? LastCheckAt, DateTimeOffset? LastHostSignalAt, string? Reason);
