namespace Roomcast.WebApi.Contracts;

/// <summary>The session, now live, and its media pipeline.</summary>
public sealed record GoLiveResponse(SessionResponse Session, StreamResponse Stream);
