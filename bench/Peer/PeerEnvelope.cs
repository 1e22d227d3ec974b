namespace Roomcast.Bench.Peer;

/// <summary>Roomcast's answer envelope: <c>{"success":true,"data":...,"timestamp":...}</c>.</summary>
public sealed record PeerEnvelope<T>(bool Success, T Data, long Timestamp);

/// <summary>Roomcast's error envelope: <c>{"success":false,"error":{"code","message"},"timestamp":...}</c>.</summary>
public sealed record PeerErrorEnvelope(bool Success, PeerError Error, long Timestamp)
{
    public static PeerErrorEnvelope Of(string code, string message, TimeProvider clock) =>
        new(false, new PeerError(code, message), clock.GetUtcNow().ToUnixTimeMilliseconds());
}

public sealed record PeerError(string Code, string Message);
