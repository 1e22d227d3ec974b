namespace Roomcast.WebApi.Contracts;

/// <summary>The stage of a session: its host (always on it, not counted) and the people brought up, oldest first.</summary>
public sealed record StageResponse(Guid SessionId, Guid HostId, int MaxStageParticipants, IReadOnlyList<StageParticipantResponse> Participants);
