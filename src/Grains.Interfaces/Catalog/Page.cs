namespace Roomcast.Catalog;

/// <summary>One page of a listing and the opaque cursors around it (null at either end).</summary>
public sealed record Page<T>(IReadOnlyList<T> Items, string? NextCursor, string? PreviousCursor);
