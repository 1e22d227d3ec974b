namespace Roomcast.Identity;

/// <summary>A user: their global role and the library (tenant) they belong to.</summary>
[GenerateSerializer, Immutable, Alias("Roomcast.UserProfile")]
public sealed record UserProfile(
    [property: Id(0)] Guid Id,
    [property: Id(1)] string? Email,
    [property: Id(2)] string DisplayName,
    [property: Id(3)] UserRole Role,
    [property: Id(4)] DateTimeOffset CreatedOn,
    [property: Id(5)] Guid LibraryId);
