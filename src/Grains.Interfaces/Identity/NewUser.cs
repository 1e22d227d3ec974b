namespace Roomcast.Identity;

/// <summary>A user to create: viewers registered by device have no email.</summary>
[GenerateSerializer, Immutable, Alias("Roomcast.NewUser")]
public sealed record NewUser(
    [property: Id(0)] string? Email,
    [property: Id(1)] string DisplayName,
    [property: Id(2)] UserRole Role,
    [property: Id(3)] Guid LibraryId);
