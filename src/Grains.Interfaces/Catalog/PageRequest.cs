namespace Roomcast.Catalog;

/// <summary>Keyset paging: at most one of the two cursors is set.</summary>
/// <param name="StartAfter">Return the page that follows this cursor.</param>
/// <param name="EndBefore">Return the page that precedes this cursor.</param>
public sealed record PageRequest(int Limit, string? StartAfter = null, string? EndBefore = null)
{
    public const int DefaultLimit = 10;
    public const int MaxLimit = 100;

    public static PageRequest First(int limit = DefaultLimit) => new(limit);
}
