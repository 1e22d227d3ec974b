namespace Roomcast.Libraries;

/// <summary>A library: the tenant every user, API key, room and session belongs to.</summary>
[GenerateSerializer, Immutable, Alias("Roomcast.LibraryProfile")]
public sealed record LibraryProfile(
    [property: Id(0)] Guid Id,
    [property: Id(1)] string Name,
    [property: Id(2)] DateTimeOffset CreatedOn);
