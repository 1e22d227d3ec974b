namespace Roomcast.WebApi.Contracts;

/// <param name="Left">True when the caller was present and their visit is now closed; false when they were not present.</param>
public sealed record LeaveSessionResponse(Guid SessionId, Guid UserId, bool Left);
