using Roomcast.Sessions;

namespace Roomcast.Catalog;

/// <summary>Filters of a session listing; every member is optional and they combine with AND.</summary>
public sealed record SessionQuery
{
    /// <summary>The library the listing is confined to; null only for admins listing across libraries.</summary>
    public Guid? LibraryId { get; init; }
    public Guid? RoomId { get; init; }
    public Guid? HostId { get; init; }
    public IReadOnlySet<SessionState>? States { get; init; }
    public SessionType? Type { get; init; }
    public Visibility? Visibility { get; init; }
    public string? TitleContains { get; init; }
    public DateTimeOffset? CreatedFrom { get; init; }
    public DateTimeOffset? CreatedTo { get; init; }
    public DateTimeOffset? ScheduledFrom { get; init; }
    public DateTimeOffset? ScheduledTo { get; init; }

    /// <summary>Widens a visibility filter: also every session this user hosts or holds a role (co-host, moderator) in.</summary>
    public Guid? OrMemberId { get; init; }
}
