using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging;
using Polly.CircuitBreaker;
using Polly.Timeout;
using Roomcast.Errors;

namespace Roomcast.LiveKit;

/// <summary>
/// One Twirp JSON call to a LiveKit service: <c>POST {ApiUrl}/twirp/livekit.{Service}/{Method}</c> with an admin
/// token, failures turned into <c>livekit_unavailable</c> the same way for every LiveKit client.
/// </summary>
internal sealed class LiveKitTwirpCaller(HttpClient http, LiveKitTokens tokens, ILogger logger, string service)
{
    // A body for a JSON API, never for HTML: quotes and non-ASCII as themselves, as LiveKit's SDKs send them.
    private static readonly JsonSerializerOptions BodyJson = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    private static readonly string[] NotFoundOnly = ["not_found"];

    private readonly string _servicePath = $"twirp/livekit.{service}/";

    /// <summary>
    /// The answer's JSON, or null when LiveKit answered one of <paramref name="absentCodes"/> (Twirp's
    /// <c>not_found</c> unless said otherwise). A call with <paramref name="retry"/> false is sent once.
    /// </summary>
    public async Task<JsonDocument?> CallAsync(string method, JsonObject body, LiveKitAdminGrant grant, bool retry,
        CancellationToken cancellationToken, IReadOnlyCollection<string>? absentCodes = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, _servicePath + method)
        {
            Content = new StringContent(body.ToJsonString(BodyJson), Encoding.UTF8, "application/json"),
        };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", tokens.IssueAdmin(grant));
        if (!retry)
        {
            request.Options.Set(LiveKitRequestOptions.AllowRetry, false);
        }

        HttpResponseMessage response;
        try
        {
            response = await http.SendAsync(request, cancellationToken);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw;
        }
        catch (BrokenCircuitException)
        {
            throw Unavailable(method, "the circuit is open after repeated failures");
        }
        catch (Exception e) when (e is HttpRequestException or TimeoutRejectedException or OperationCanceledException)
        {
            throw Unavailable(method, e is HttpRequestException ? $"unreachable ({e.Message})" : "timed out");
        }

        using (response)
        {
            string text;
            try
            {
                text = await response.Content.ReadAsStringAsync(cancellationToken);
            }
            catch (Exception e) when (!cancellationToken.IsCancellationRequested
                && e is HttpRequestException or OperationCanceledException or IOException)
            {
                throw Unavailable(method, "the answer was cut off");
            }

            if (response.IsSuccessStatusCode)
            {
                try
                {
                    return JsonDocument.Parse(string.IsNullOrWhiteSpace(text) ? "{}" : text);
                }
                catch (JsonException)
                {
                    throw Unavailable(method, $"answered HTTP {(int)response.StatusCode} with a body that is not JSON");
                }
            }

            var (code, message) = ReadTwirpError(text);
            if (code is not null && (absentCodes ?? NotFoundOnly).Contains(code))
            {
                return null;
            }
            if ((int)response.StatusCode >= 500 || code is "unavailable" or "internal" or "unknown" or "deadline_exceeded"
                    or "resource_exhausted" or "canceled" || response.StatusCode is HttpStatusCode.TooManyRequests
                    or HttpStatusCode.RequestTimeout)
            {
                throw Unavailable(method, $"answered HTTP {(int)response.StatusCode} {code ?? "(no twirp code)"}: {message}");
            }
            logger.LogWarning("LiveKit {Method} was rejected: HTTP {Status} {TwirpCode}: {TwirpMessage}", method,
                (int)response.StatusCode, code, message);
            throw new InvalidOperationException(
                $"LiveKit rejected {method}: HTTP {(int)response.StatusCode}, twirp code '{code}', message '{message}'.");
        }
    }

    /// <summary>A <c>livekit_unavailable</c> error, logged: also for an answer that makes no sense.</summary>
    public RoomcastException Unavailable(string method, string reason)
    {
        logger.LogWarning("LiveKit {Method} failed: {Reason}", method, reason);
        return new RoomcastException(ErrorKind.Unavailable, "livekit_unavailable",
            $"LiveKit is unavailable ({method}: {reason}); try again later.");
    }

    public static RoomcastException NotFound(string method, string what) =>
        new(ErrorKind.NotFound, "livekit_not_found", $"LiveKit has no {what} ({method}).");

    private static (string? Code, string? Message) ReadTwirpError(string text)
    {
        try
        {
            using var doc = JsonDocument.Parse(text);
            return (LiveKitJson.ReadString(doc.RootElement, "code", "code"), LiveKitJson.ReadString(doc.RootElement, "msg", "msg"));
        }
        catch (JsonException)
        {
            return (null, text.Length > 200 ? text[..200] : text);
        }
    }
}
