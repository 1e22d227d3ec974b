using Roomcast.Catalog;

namespace Roomcast.WebApi.Contracts;

/// <summary>One page of a listing. Pass <c>next_cursor</c> as <c>start_after</c>, or <c>prev_cursor</c> as <c>end_before</c>.</summary>
public sealed record ListResponse<T>(IReadOnlyList<T> Items, int Limit, string? NextCursor, string? PrevCursor)
{
    public static ListResponse<T> From<TSource>(Page<TSource> page, int limit, Func<TSource, T> map) =>
        new(page.Items.Select(map).ToList(), limit, page.NextCursor, page.PreviousCursor);
}
