namespace Roomcast.WebApi.Contracts;

/// <summary>Whether the caller is banned from the session, and the ban when they are.</summary>
public sealed record BanStatusResponse(Guid SessionId, bool Banned, BannedParticipantResponse? Ban);
