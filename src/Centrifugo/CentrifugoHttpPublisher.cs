using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Roomcast.Centrifugo;

/// <summary>
/// Centrifugo's server HTTP API: <c>POST {ApiUrl}/api/publish</c> with the key in <c>X-API-Key</c> and
/// <c>{channel, data}</c> as the body. Centrifugo answers 200 for commands it understood, with either
/// <c>{"result": {...}}</c> or <c>{"error": {"code", "message"}}</c>; both that error and any other status are failures.
/// </summary>
public sealed class CentrifugoHttpPublisher(HttpClient http) : ICentrifugoPublisher
{
    public const string ApiKeyHeader = "X-API-Key";

    /// <summary>Centrifugo's answers are small; a longer one is not Centrifugo.</summary>
    private const int MaxResponseBytes = 64 * 1024;

    public async Task PublishAsync(string channel, JsonNode data, CancellationToken cancellationToken)
    {
        var body = new JsonObject { ["channel"] = channel, ["data"] = data.DeepClone() };
        HttpResponseMessage response;
        try
        {
            response = await http.PostAsJsonAsync("api/publish", body, cancellationToken);
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException or TimeoutException
                                      or Polly.CircuitBreaker.BrokenCircuitException or Polly.Timeout.TimeoutRejectedException
                                  && !cancellationToken.IsCancellationRequested)
        {
            throw new CentrifugoPublishException($"Centrifugo could not be reached: {e.Message}", e);
        }

        using (response)
        {
            if (!response.IsSuccessStatusCode)
            {
                throw new CentrifugoPublishException($"Centrifugo answered {(int)response.StatusCode} to a publish into '{channel}'.");
            }

            var bytes = await response.Content.ReadAsByteArrayAsync(cancellationToken);
            if (bytes.Length > MaxResponseBytes)
            {
                throw new CentrifugoPublishException($"Centrifugo's answer to a publish was {bytes.Length} bytes long.");
            }

            JsonNode? answer;
            try
            {
                answer = JsonNode.Parse(bytes);
            }
            catch (JsonException e)
            {
                throw new CentrifugoPublishException("Centrifugo's answer to a publish was not JSON.", e);
            }

            if (answer?["error"] is JsonObject error)
            {
                throw new CentrifugoPublishException(
                    $"Centrifugo refused a publish into '{channel}': {error["code"]} {error["message"]}");
            }
        }
    }
}
