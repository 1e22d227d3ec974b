namespace Roomcast.Audience;

/// <summary>Where a person stands in a session's audience, read in one turn: their ban in force, and whether they are present.</summary>
[GenerateSerializer, Immutable, Alias("Roomcast.AudienceStanding")]
public sealed record AudienceStanding(
    [property: Id(0)] SessionBan? Ban,
    [property: Id(1)] bool Present);
