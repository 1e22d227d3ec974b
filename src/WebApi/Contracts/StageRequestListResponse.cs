namespace Roomcast.WebApi.Contracts;

/// <summary>Stage requests of a session (bounded by the stage grain: at most 500 pending, 500 decided kept).</summary>
public sealed record StageRequestListResponse(Guid SessionId, IReadOnlyList<StageRequestResponse> Items);
