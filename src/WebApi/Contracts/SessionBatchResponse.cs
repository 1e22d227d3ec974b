namespace Roomcast.WebApi.Contracts;

/// <summary>The sessions found, and the requested ids that are unknown or deleted (reported, not an error).</summary>
public sealed record SessionBatchResponse(IReadOnlyList<SessionResponse> Items, IReadOnlyList<Guid> Missing);
