namespace Roomcast.ApiKeys;

/// <summary>One page of a library's API keys and the opaque cursors around it (null at either end).</summary>
[GenerateSerializer, Immutable, Alias("Roomcast.ApiKeyPage")]
public sealed record ApiKeyPage(
    [property: Id(0)] IReadOnlyList<ApiKeyInfo> Items,
    [property: Id(1)] string? NextCursor,
    [property: Id(2)] string? PreviousCursor);
