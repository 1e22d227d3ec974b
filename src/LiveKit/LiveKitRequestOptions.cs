namespace Roomcast.LiveKit;

/// <summary>Per-request switches of the LiveKit server API client's HTTP pipeline.</summary>
public static class LiveKitRequestOptions
{
    /// <summary>
    /// Set to false on a request that must not be sent twice (<c>SendData</c>: a retried send after a lost answer would
    /// deliver the message twice). Unset means the call is idempotent and transient failures are retried.
    /// </summary>
    public static readonly HttpRequestOptionsKey<bool> AllowRetry = new("Roomcast.LiveKit.AllowRetry");

    internal static bool MayRetry(HttpRequestMessage? request) =>
        request is null || !request.Options.TryGetValue(AllowRetry, out var allowed) || allowed;
}
