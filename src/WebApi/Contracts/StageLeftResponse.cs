namespace Roomcast.WebApi.Contracts;

/// <param name="Removed">True when the person was on the stage and is off it now; false when they were not on it.</param>
public sealed record StageLeftResponse(Guid SessionId, Guid UserId, bool Removed);
