using Roomcast.Catalog;
using Roomcast.Grains.Catalog;
using Roomcast.Libraries;

namespace Roomcast.Grains.Libraries;

/// <summary>Every library's profile, in one grain: a deployment has few libraries.</summary>
public sealed class LibraryDirectoryGrain(
    [PersistentState("library-directory", GrainStorage.Name)] IPersistentState<LibraryDirectoryGrainState> state)
    : Grain, ILibraryDirectoryGrain
{
    public async Task AddAsync(LibraryProfile library)
    {
        if (state.State.Libraries.Any(l => l.Id == library.Id))
        {
            return;
        }

        await state.WriteOrRevertAsync(state.State with { Libraries = [.. state.State.Libraries, library] }, this);
    }

    public Task<LibraryPage> ListAsync(int limit, string? startAfter, string? endBefore)
    {
        var page = KeysetPager.Paginate(state.State.Libraries, l => new CatalogCursor(l.CreatedOn, l.Id),
            new PageRequest(limit, startAfter, endBefore));
        return Task.FromResult(new LibraryPage(page.Items, page.NextCursor, page.PreviousCursor));
    }
}
