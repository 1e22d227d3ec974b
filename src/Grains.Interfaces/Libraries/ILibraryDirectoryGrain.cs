using Orleans.Concurrency;

namespace Roomcast.Libraries;

/// <summary>
/// The list of every library (one grain, key <see cref="Key"/>). A deployment has few libraries, so one
/// grain holding their ids and names is enough; listings are cut into keyset pages in the grain.
/// </summary>
[Alias("Roomcast.ILibraryDirectoryGrain")]
public interface ILibraryDirectoryGrain : IGrainWithIntegerKey
{
    /// <summary>The key of the one directory grain.</summary>
    const long Key = 0;

    /// <summary>Lists a library; adding one that is already listed changes nothing.</summary>
    [Alias("Add")]
    Task AddAsync(LibraryProfile library);

    /// <summary>One page of libraries, newest first; a cursor from an earlier page selects the page after (or before) it.</summary>
    [Alias("List"), ReadOnly]
    Task<LibraryPage> ListAsync(int limit, string? startAfter, string? endBefore);
}
