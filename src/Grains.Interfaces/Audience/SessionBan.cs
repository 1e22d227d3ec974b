namespace Roomcast.Audience;

/// <summary>A person kept out of one session, for good or until <see cref="ExpiresAt"/>.</summary>
[GenerateSerializer, Immutable, Alias("Roomcast.SessionBan")]
public sealed record SessionBan(
    [property: Id(0)] Guid UserId,
    [property: Id(1)] string? Reason,
    [property: Id(2)] Guid BannedBy,
    [property: Id(3)] DateTimeOffset BannedAt,
    [property: Id(4)] DateTimeOffset? ExpiresAt)
{
    public bool IsActiveAt(DateTimeOffset now) => ExpiresAt is not { } expires || now < expires;
}
