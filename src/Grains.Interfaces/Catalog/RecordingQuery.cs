using Roomcast.Recordings;

namespace Roomcast.Catalog;

/// <summary>Filters of a recording listing; members combine with AND. Deleted recordings are never listed.</summary>
public sealed record RecordingQuery
{
    public Guid? LibraryId { get; init; }
    public Guid? OwnerId { get; init; }
    public Guid? SessionId { get; init; }
    public RecordingStatus? Status { get; init; }
}
