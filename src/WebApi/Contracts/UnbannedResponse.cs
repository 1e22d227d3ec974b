namespace Roomcast.WebApi.Contracts;

public sealed record UnbannedResponse(Guid SessionId, Guid UserId, bool Unbanned);
