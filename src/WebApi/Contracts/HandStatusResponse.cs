namespace Roomcast.WebApi.Contracts;

/// <param name="Raised">Whether the caller's hand is up (after this call, for raise and lower).</param>
/// <param name="OnStage">Whether the caller is on the stage.</param>
public sealed record HandStatusResponse(Guid SessionId, Guid UserId, bool Raised, DateTimeOffset? RaisedAt, bool OnStage);
