using Roomcast.Catalog;

namespace Roomcast.Grains.Catalog;

/// <summary>Cuts one keyset page out of rows held in memory, the way the SQL catalog does with an index.</summary>
public static class KeysetPager
{
    public static Page<T> Paginate<T>(IEnumerable<T> rows, Func<T, CatalogCursor> keyOf, PageRequest request)
    {
        var ordered = rows.OrderBy(keyOf);
        if (request.EndBefore is { } endBefore)
        {
            var before = CatalogCursor.Decode(endBefore, "end_before");
            var window = ordered.Where(r => keyOf(r).CompareTo(before) < 0).TakeLast(request.Limit + 1).ToList();
            var hasMore = window.Count > request.Limit;
            var items = hasMore ? window.Skip(1).ToList() : window;
            return new Page<T>(items, Cursor(items.LastOrDefault()), hasMore ? Cursor(items.FirstOrDefault()) : null);
        }

        var after = request.StartAfter is { } startAfter ? CatalogCursor.Decode(startAfter, "start_after") : (CatalogCursor?)null;
        var page = (after is { } a ? ordered.Where(r => keyOf(r).CompareTo(a) > 0) : ordered).Take(request.Limit + 1).ToList();
        var more = page.Count > request.Limit;
        var result = more ? page.Take(request.Limit).ToList() : page;
        return new Page<T>(result, more ? Cursor(result.LastOrDefault()) : null, after is null ? null : Cursor(result.FirstOrDefault()));

        string? Cursor(T? row) => row is null ? null : keyOf(row).Encode();
    }
}
