namespace Roomcast.Catalog;

/// <summary>Filters of a room listing; members combine with AND.</summary>
public sealed record RoomQuery
{
    public Guid? OwnerId { get; init; }
    public Visibility? Visibility { get; init; }
    public string? TitleContains { get; init; }
}
