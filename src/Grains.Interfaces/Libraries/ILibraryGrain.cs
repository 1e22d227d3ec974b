namespace Roomcast.Libraries;

/// <summary>One library (key = library id).</summary>
[Alias("Roomcast.ILibraryGrain")]
public interface ILibraryGrain : IGrainWithGuidKey
{
    /// <summary>Creates the library; a conflict when it already exists.</summary>
    [Alias("Create")]
    Task<LibraryProfile> CreateAsync(string name);

    /// <summary>Returns the library, or null when there is none.</summary>
    [Alias("Find")]
    Task<LibraryProfile?> FindAsync();
}
