using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Net.Http.Headers;
using Roomcast.Audience;
using Roomcast.Errors;
using Roomcast.Sessions;
using Roomcast.WebApi.Auth;
using Roomcast.WebApi.Centrifugo;
using Roomcast.WebApi.Contracts;
using Roomcast.WebApi.Infrastructure;

namespace Roomcast.WebApi.Apis;

/// <summary>
/// Centrifugo's connect and subscribe proxies. Anonymous at the HTTP level: the caller is Centrifugo, proved by the
/// static header <see cref="CentrifugoProxySecret.HeaderName"/>; the person is in the body (connect: their access token;
/// subscribe: the user id connect answered). Answers are Centrifugo's shapes (<c>result</c>, <c>error</c> or
/// <c>disconnect</c> at the top level), not Roomcast's envelope, because Centrifugo reads them; only what is not a
/// proxy answer (no secret, malformed body) gets the error envelope and a non-200 status, which Centrifugo treats as
/// an internal error.
/// </summary>
public static partial class CentrifugoApi
{
    public const string ConnectPath = "/v1/centrifugo/connect";
    public const string SubscribePath = "/v1/centrifugo/subscribe";

    /// <summary>Centrifugo may add fields to its requests in any version: what Roomcast does not read is skipped.</summary>
    private static readonly JsonSerializerOptions ProxyJson = new(JsonSerializerDefaults.Web)
    {
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Skip,
        NumberHandling = JsonNumberHandling.Strict,
    };

    public static IEndpointRouteBuilder MapCentrifugoApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/v1/centrifugo").AllowAnonymous().WithTags("Centrifugo");
        group.MapPost("/connect", ConnectAsync)
            .WithName("CentrifugoConnectProxy")
            .WithSummary("Centrifugo's connect proxy (authenticated by the X-Centrifugo-Proxy-Secret header): the Roomcast access token from the forwarded Authorization header, or data.token, becomes the connection's user until the token expires; a missing, invalid or expired token answers Centrifugo's disconnect (4501 invalid token, 4502 token expired; both terminal). API keys are not accepted.")
            .Accepts<CentrifugoConnectProxyRequest>("application/json")
            .ProducesErrors(400, 401, 413, 415, 503);
        group.MapPost("/subscribe", SubscribeAsync)
            .WithName("CentrifugoSubscribeProxy")
            .WithSummary("Centrifugo's subscribe proxy (authenticated by the X-Centrifugo-Proxy-Secret header): channel {prefix}{sessionId} (or {prefix}{sessionId}:...) is allowed when the user may view the session (as GET /v1/sessions/{id}) and is not banned from it; otherwise Centrifugo's error (403 not visible or not found, 1403 banned, 404 unknown channel).")
            .Accepts<CentrifugoSubscribeProxyRequest>("application/json")
            .ProducesErrors(400, 401, 413, 415, 503);
        return app;
    }

    public static async Task<Results<Ok<CentrifugoConnectProxyResponse>, JsonHttpResult<ApiErrorResponse>>> ConnectAsync(
        HttpRequest request, [AsParameters] CentrifugoServices api)
    {
        if (Refuse(request, api) is { } refusal)
        {
            return refusal;
        }

        var body = await ReadAsync<CentrifugoConnectProxyRequest>(request);
        var token = BearerToken(request) ?? DataToken(body.Data) ?? DataToken(DecodeB64(body.B64Data));
        if (token is null)
        {
            return Disconnect(CentrifugoCodes.InvalidToken, "no access token");
        }

        var check = await api.Tokens.ValidateAsync(token);
        switch (check.Outcome)
        {
            case TokenCheckOutcome.Expired:
                return Disconnect(CentrifugoCodes.TokenExpired, "token expired");
            case TokenCheckOutcome.Invalid:
                return Disconnect(CentrifugoCodes.InvalidToken, "invalid token");
        }

        var caller = check.Caller!;
        LogConnected(api.Logger, caller.UserId, body.Client, body.Transport);
        return TypedResults.Ok(new CentrifugoConnectProxyResponse(new CentrifugoConnectResult(
            caller.UserId.ToString("D"), check.ExpiresAt.ToUnixTimeSeconds(),
            new CentrifugoConnectionInfo(check.Name, ApiEnum.Name(caller.Role)))));
    }

    public static async Task<Results<Ok<CentrifugoSubscribeProxyResponse>, JsonHttpResult<ApiErrorResponse>>> SubscribeAsync(
        HttpRequest request, [AsParameters] CentrifugoServices api)
    {
        if (Refuse(request, api) is { } refusal)
        {
            return refusal;
        }

        var body = await ReadAsync<CentrifugoSubscribeProxyRequest>(request);
        if (SessionOf(body.Channel, api.Options.Value.ChannelPrefix) is not { } sessionId)
        {
            return SubscribeError(CentrifugoCodes.UnknownChannel, "unknown channel");
        }

        // An anonymous connection (user "") or a user that no longer exists sees nothing.
        if (!Guid.TryParseExact(body.User, "D", out var userId) || await api.Subscribers.ScopeOfAsync(userId) is not { } scope)
        {
            return SubscribeError(CentrifugoCodes.PermissionDenied, "permission denied");
        }

        try
        {
            var session = await api.Grains.Get<ISessionGrain>(sessionId).GetAsync();
            await api.Access.RequireAsync(scope, session, SessionPermission.View);
        }
        catch (RoomcastException e) when (e.Kind is ErrorKind.NotFound or ErrorKind.Forbidden)
        {
            return SubscribeError(CentrifugoCodes.PermissionDenied, "permission denied");
        }

        if (await api.Grains.Get<ISessionAudienceGrain>(sessionId).FindBanAsync(userId) is not null)
        {
            return SubscribeError(CentrifugoCodes.Banned, "banned from this session");
        }

        return TypedResults.Ok(new CentrifugoSubscribeProxyResponse(new CentrifugoSubscribeResult()));
    }

    /// <summary>The session of <c>{prefix}{id}</c> or <c>{prefix}{id}:...</c>; null for any other channel.</summary>
    public static Guid? SessionOf(string channel, string prefix)
    {
        if (!channel.StartsWith(prefix, StringComparison.Ordinal))
        {
            return null;
        }

        var rest = channel.AsSpan(prefix.Length);
        var end = rest.IndexOf(':');
        var id = end < 0 ? rest : rest[..end];
        return Guid.TryParseExact(id, "D", out var sessionId) && (end < 0 || end < rest.Length - 1) ? sessionId : null;
    }

    private static JsonHttpResult<ApiErrorResponse>? Refuse(HttpRequest request, CentrifugoServices api)
    {
        if (!api.Secret.Admits(request.Headers[CentrifugoProxySecret.HeaderName].ToString()))
        {
            return TypedResults.Json(api.Envelope.Error("invalid_proxy_secret",
                    $"The {CentrifugoProxySecret.HeaderName} header does not carry Centrifugo:ProxySecret (or no secret is configured)."),
                statusCode: StatusCodes.Status401Unauthorized);
        }

        if (!MediaTypeHeaderValue.TryParse(request.ContentType, out var mediaType)
            || !string.Equals(mediaType.MediaType.ToString(), "application/json", StringComparison.OrdinalIgnoreCase))
        {
            return TypedResults.Json(api.Envelope.Error("unsupported_media_type", "Centrifugo's proxy requests are application/json.",
                    [new FieldError("Content-Type", "must be application/json")]),
                statusCode: StatusCodes.Status415UnsupportedMediaType);
        }

        return null;
    }

    private static async Task<T> ReadAsync<T>(HttpRequest request)
        where T : class
    {
        try
        {
            return await JsonSerializer.DeserializeAsync<T>(request.Body, ProxyJson, request.HttpContext.RequestAborted)
                   ?? throw RoomcastException.Invalid("body", "must be a JSON object");
        }
        catch (JsonException)
        {
            throw RoomcastException.Invalid("body", "must be a Centrifugo proxy request: a JSON object with the documented fields");
        }
    }

    private static string? BearerToken(HttpRequest request)
    {
        var header = request.Headers.Authorization.ToString();
        const string scheme = "Bearer ";
        return header.StartsWith(scheme, StringComparison.OrdinalIgnoreCase) && header[scheme.Length..].Trim() is { Length: > 0 } token
            ? token
            : null;
    }

    private static string? DataToken(JsonElement data) =>
        data.ValueKind == JsonValueKind.Object && data.TryGetProperty("token", out var token)
        && token.ValueKind == JsonValueKind.String && token.GetString() is { Length: > 0 } value
            ? value
            : null;

    /// <summary>Binary proxy mode's data: base64 of what the client sent, which for Roomcast's clients is JSON.</summary>
    private static JsonElement DecodeB64(string b64)
    {
        if (b64.Length == 0)
        {
            return default;
        }

        try
        {
            using var document = JsonDocument.Parse(Convert.FromBase64String(b64));
            return document.RootElement.Clone();
        }
        catch (Exception e) when (e is FormatException or JsonException)
        {
            throw RoomcastException.Invalid("b64data", "must be base64 of a JSON object");
        }
    }

    private static Ok<CentrifugoConnectProxyResponse> Disconnect(int code, string reason) =>
        TypedResults.Ok(new CentrifugoConnectProxyResponse(Disconnect: new CentrifugoProxyDisconnect(code, reason)));

    private static Ok<CentrifugoSubscribeProxyResponse> SubscribeError(int code, string message) =>
        TypedResults.Ok(new CentrifugoSubscribeProxyResponse(Error: new CentrifugoProxyError(code, message)));

    [LoggerMessage(Level = LogLevel.Debug, Message = "Centrifugo connection {Client} ({Transport}) is user {UserId}")]
    private static partial void LogConnected(ILogger logger, Guid userId, string client, string transport);
}
