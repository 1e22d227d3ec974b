namespace Roomcast.WebApi.Contracts;

/// <summary>The raised hands of a session, oldest first (at most 500).</summary>
public sealed record StageHandListResponse(Guid SessionId, IReadOnlyList<StageHandResponse> Items);
