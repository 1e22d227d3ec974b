namespace Roomcast.Catalog;

/// <summary>Filters of a room listing; members combine with AND.</summary>
public sealed record RoomQuery
{
    /// <summary>The library the listing is confined to; null only for admins listing across libraries.</summary>
    public Guid? LibraryId { get; init; }
    public Guid? OwnerId { get; init; }
    public Visibility? Visibility { get; init; }
    public string? TitleContains { get; init; }
}
