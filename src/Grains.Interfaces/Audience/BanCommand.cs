namespace Roomcast.Audience;

/// <summary>Who to ban, why, by whom and for how long (null: until unbanned).</summary>
[GenerateSerializer, Immutable, Alias("Roomcast.BanCommand")]
public sealed record BanCommand(
    [property: Id(0)] Guid UserId,
    [property: Id(1)] string? Reason,
    [property: Id(2)] Guid BannedBy,
    [property: Id(3)] TimeSpan? Duration);
