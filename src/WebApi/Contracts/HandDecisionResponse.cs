namespace Roomcast.WebApi.Contracts;

/// <summary>A raised hand answered: lowered either way; on approval, the person's place on the stage.</summary>
public sealed record HandDecisionResponse(Guid SessionId, Guid UserId, bool Approved, StageParticipantResponse? Participant);
