namespace Roomcast.Libraries;

/// <summary>One page of the library directory and the opaque cursors around it (null at either end).</summary>
[GenerateSerializer, Immutable, Alias("Roomcast.LibraryPage")]
public sealed record LibraryPage(
    [property: Id(0)] IReadOnlyList<LibraryProfile> Items,
    [property: Id(1)] string? NextCursor,
    [property: Id(2)] string? PreviousCursor);
