using System.Text.Json;
using System.Text.Json.Serialization;

namespace Roomcast.WebApi.Centrifugo;

// Centrifugo's HTTP proxy protocol (https://centrifugal.dev/docs/server/proxy), field names as Centrifugo writes them.
// Centrifugo leaves out what it has not got, so every field is optional and defaults to empty (never null).

/// <summary>What Centrifugo sends when a client connects: the connection's facts and what the client passed as <c>data</c>.</summary>
public sealed class CentrifugoConnectProxyRequest
{
    /// <summary>The connection's id, made by Centrifugo.</summary>
    [JsonPropertyName("client")] public string Client { get; init; } = "";

    /// <summary><c>websocket</c>, <c>sse</c>, <c>http_stream</c>, <c>uni_sse</c>...</summary>
    [JsonPropertyName("transport")] public string Transport { get; init; } = "";

    /// <summary><c>json</c> or <c>protobuf</c>.</summary>
    [JsonPropertyName("protocol")] public string Protocol { get; init; } = "";

    /// <summary><c>json</c> or <c>binary</c>.</summary>
    [JsonPropertyName("encoding")] public string Encoding { get; init; } = "";

    [JsonPropertyName("name")] public string Name { get; init; } = "";

    [JsonPropertyName("version")] public string Version { get; init; } = "";

    /// <summary>The client's connect data; Roomcast reads <c>token</c> from it when no Authorization header was forwarded.</summary>
    [JsonPropertyName("data")] public JsonElement Data { get; init; }

    /// <summary>The same in base64 (Centrifugo's binary proxy mode): JSON inside.</summary>
    [JsonPropertyName("b64data")] public string B64Data { get; init; } = "";

    /// <summary>Server-side channels the client asks for; Roomcast subscribes none at connect (subscribe proxy decides each).</summary>
    [JsonPropertyName("channels")] public IReadOnlyList<string> Channels { get; init; } = [];

    [JsonPropertyName("meta")] public JsonElement Meta { get; init; }
}

/// <summary>What Centrifugo sends when a connected client subscribes to a channel.</summary>
public sealed class CentrifugoSubscribeProxyRequest
{
    [JsonPropertyName("client")] public string Client { get; init; } = "";

    [JsonPropertyName("transport")] public string Transport { get; init; } = "";

    [JsonPropertyName("protocol")] public string Protocol { get; init; } = "";

    [JsonPropertyName("encoding")] public string Encoding { get; init; } = "";

    /// <summary>The user id the connect proxy answered for this connection.</summary>
    [JsonPropertyName("user")] public string User { get; init; } = "";

    /// <summary>The channel asked for: <c>session:{sessionId}</c> or <c>session:{sessionId}:...</c>.</summary>
    [JsonPropertyName("channel")] public string Channel { get; init; } = "";

    [JsonPropertyName("meta")] public JsonElement Meta { get; init; }

    [JsonPropertyName("data")] public JsonElement Data { get; init; }

    [JsonPropertyName("b64data")] public string B64Data { get; init; } = "";
}

/// <summary>Centrifugo's answer shape: exactly one of <c>result</c>, <c>error</c> or <c>disconnect</c>, at the top level (no Roomcast envelope).</summary>
public sealed record CentrifugoConnectProxyResponse(
    [property: JsonPropertyName("result"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] CentrifugoConnectResult? Result = null,
    [property: JsonPropertyName("error"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] CentrifugoProxyError? Error = null,
    [property: JsonPropertyName("disconnect"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] CentrifugoProxyDisconnect? Disconnect = null);

/// <summary>The connection's user (Roomcast user id), when it ends (the access token's expiry, unix seconds) and its public info.</summary>
public sealed record CentrifugoConnectResult(
    [property: JsonPropertyName("user")] string User,
    [property: JsonPropertyName("expire_at")] long ExpireAt,
    [property: JsonPropertyName("info")] CentrifugoConnectionInfo Info);

/// <summary>What other subscribers see of this connection (presence, join/leave): the display name and the role.</summary>
public sealed record CentrifugoConnectionInfo(
    [property: JsonPropertyName("name")] string Name,
    [property: JsonPropertyName("role")] string Role);

/// <summary>Centrifugo's answer shape to a subscribe: <c>result</c> (allowed), <c>error</c> (refused) or <c>disconnect</c>.</summary>
public sealed record CentrifugoSubscribeProxyResponse(
    [property: JsonPropertyName("result"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] CentrifugoSubscribeResult? Result = null,
    [property: JsonPropertyName("error"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] CentrifugoProxyError? Error = null,
    [property: JsonPropertyName("disconnect"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] CentrifugoProxyDisconnect? Disconnect = null);

/// <summary>An allowed subscription; Roomcast adds nothing to it (<c>{}</c>).</summary>
public sealed record CentrifugoSubscribeResult;

/// <summary>A refusal the client receives as an error; custom codes are in Centrifugo's range 400-1999.</summary>
public sealed record CentrifugoProxyError(
    [property: JsonPropertyName("code")] int Code,
    [property: JsonPropertyName("message")] string Message);

/// <summary>Closes the connection; custom codes are 4000-4999, 4500 and above telling the client not to reconnect.</summary>
public sealed record CentrifugoProxyDisconnect(
    [property: JsonPropertyName("code")] int Code,
    [property: JsonPropertyName("reason")] string Reason);

/// <summary>The codes Roomcast answers with.</summary>
public static class CentrifugoCodes
{
    /// <summary>Disconnect, terminal: no token, or one that is not a valid Roomcast access token (an API key is not one).</summary>
    public const int InvalidToken = 4501;

    /// <summary>Disconnect, terminal: the token has expired; the client gets a fresh one and connects again itself.</summary>
    public const int TokenExpired = 4502;

    /// <summary>Error: a channel outside Roomcast's namespaces, or a session id that is not one.</summary>
    public const int UnknownChannel = 404;

    /// <summary>Error: the session does not exist or the user may not see it (the two are not told apart).</summary>
    public const int PermissionDenied = 403;

    /// <summary>Error: the user is banned from the session.</summary>
    public const int Banned = 1403;
}
