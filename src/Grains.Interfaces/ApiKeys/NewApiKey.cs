using Roomcast.Identity;

namespace Roomcast.ApiKeys;

/// <summary>An API key to record in its library's list before the key itself is created.</summary>
[GenerateSerializer, Immutable, Alias("Roomcast.NewApiKey")]
public sealed record NewApiKey(
    [property: Id(0)] Guid Id,
    [property: Id(1)] string Name,
    [property: Id(2)] UserRole Role,
    [property: Id(3)] string Prefix,
    [property: Id(4)] string Last4);
