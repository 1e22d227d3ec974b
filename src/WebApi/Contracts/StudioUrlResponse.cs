namespace Roomcast.WebApi.Contracts;

/// <summary>The viewer app's studio page for a session, with a one-time code that signs the host in (seconds until it lapses).</summary>
public sealed record StudioUrlResponse(string Url, int ExpiresIn);
