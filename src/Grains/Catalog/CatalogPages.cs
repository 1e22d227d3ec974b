using Roomcast.Catalog;

namespace Roomcast.Grains.Catalog;

/// <summary>Walks every page of a catalog listing, a page at a time, for as long as the caller keeps reading.</summary>
internal static class CatalogPages
{
    public static async IAsyncEnumerable<T> AllAsync<T>(Func<PageRequest, Task<Page<T>>> list, int pageSize = PageRequest.MaxLimit)
    {
        var request = PageRequest.First(pageSize);
        while (true)
        {
            var page = await list(request);
            foreach (var item in page.Items)
            {
                yield return item;
            }

            if (page.NextCursor is null)
            {
                yield break;
            }

            request = request with { StartAfter = page.NextCursor };
        }
    }
}
