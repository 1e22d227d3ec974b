using Npgsql;
using Roomcast.Catalog;
using Roomcast.Grains.Catalog;

namespace Roomcast.Persistence.Postgres.Catalog;

/// <summary>
/// Keyset paging in SQL with the semantics of <see cref="KeysetPager"/>: newest first by
/// (ticks column, id column), forward after a cursor or backward before one, same items and cursors.
/// </summary>
internal sealed class KeysetSql
{
    private readonly PageRequest _request;
    private readonly string _ticksColumn;
    private readonly string _idColumn;
    private readonly CatalogCursor? _after;
    private readonly CatalogCursor? _before;

    /// <param name="ticksColumn">The column holding the cursor time as .NET ticks (UTC), exactly as <see cref="CatalogCursor"/> compares it.</param>
    /// <param name="idColumn">The tie-breaker column, the cursor's id.</param>
    public KeysetSql(PageRequest request, string ticksColumn = "created_ticks", string idColumn = "id")
    {
        _request = request;
        _ticksColumn = ticksColumn;
        _idColumn = idColumn;
        if (request.EndBefore is { } endBefore)
        {
            _before = CatalogCursor.Decode(endBefore, "end_before");
        }
        else if (request.StartAfter is { } startAfter)
        {
            _after = CatalogCursor.Decode(startAfter, "start_after");
        }
    }

    private bool Backward => _before is not null;

    /// <summary>Adds the cursor condition to <paramref name="conditions"/> and returns the ORDER BY / LIMIT tail.</summary>
    public string Apply(List<string> conditions, NpgsqlCommand command)
    {
        if ((_before ?? _after) is { } cursor)
        {
            // Newest first: "after" a cursor means older rows, "before" it newer ones.
            conditions.Add(Backward
                ? $"({_ticksColumn}, {_idColumn}) > (@cursor_ticks, @cursor_id)"
                : $"({_ticksColumn}, {_idColumn}) < (@cursor_ticks, @cursor_id)");
            command.Parameters.AddWithValue("cursor_ticks", cursor.CreatedOn.UtcTicks);
            command.Parameters.AddWithValue("cursor_id", cursor.Id);
        }

        command.Parameters.AddWithValue("page_limit", _request.Limit + 1);
        return Backward
            ? $" ORDER BY {_ticksColumn} ASC, {_idColumn} ASC LIMIT @page_limit"
            : $" ORDER BY {_ticksColumn} DESC, {_idColumn} DESC LIMIT @page_limit";
    }

    /// <summary>Cuts the page from the rows the query returned, in the order it returned them.</summary>
    public Page<T> ToPage<T>(List<T> rows, Func<T, CatalogCursor> keyOf)
    {
        var limit = _request.Limit;
        if (Backward)
        {
            // Rows came closest-to-the-cursor first; the extra one, if any, is the newest.
            var more = rows.Count > limit;
            var items = (more ? rows.Take(limit) : rows).Reverse().ToList();
            return new Page<T>(items, Cursor(items.LastOrDefault()), more ? Cursor(items.FirstOrDefault()) : null);
        }

        var hasMore = rows.Count > limit;
        var result = hasMore ? rows.Take(limit).ToList() : rows;
        return new Page<T>(result, hasMore ? Cursor(result.LastOrDefault()) : null, _after is null ? null : Cursor(result.FirstOrDefault()));

        string? Cursor(T? row) => row is null ? null : keyOf(row).Encode();
    }
}
