namespace Roomcast.Audience;

/// <summary>A person present in the session now.</summary>
[GenerateSerializer, Immutable, Alias("Roomcast.ActiveViewer")]
public sealed record ActiveViewer(
    [property: Id(0)] Guid UserId,
    [property: Id(1)] string DisplayName,
    [property: Id(2)] AttendeeRole Role,
    [property: Id(3)] DateTimeOffset JoinedAt,
    [property: Id(4)] DateTimeOffset LastSeenAt);
