using System.Text.Json;

namespace Roomcast.Bench.Peer;

/// <summary>
/// One row of <c>peer_sessions</c>, answered as Roomcast answers a session (same snake_case fields). The settings,
/// config, media sources and meta are jsonb columns: nothing queries inside them.
/// </summary>
public sealed record PeerSession(
    Guid Id,
    Guid RoomId,
    Guid HostId,
    Guid LibraryId,
    string Name,
    string? Description,
    string Type,
    string State,
    string Visibility,
    DateTimeOffset ScheduledAt,
    DateTimeOffset? StartedAt,
    DateTimeOffset? EndedAt,
    string? EndReason,
    long Duration,
    DateTimeOffset Timestamp,
    JsonElement Settings,
    JsonElement Config,
    JsonElement Sources,
    JsonElement Meta,
    string Product,
    Guid User,
    int Version,
    long ChangeSequence,
    DateTimeOffset CreatedOn,
    DateTimeOffset UpdatedOn);
