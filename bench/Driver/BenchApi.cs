using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;

namespace Roomcast.Bench.Driver;

/// <summary>
/// The few API calls the HTTP measures make to set up, as the admin whose access token is <c>BENCH_TOKEN</c>; any
/// failure stops the measure.
/// </summary>
internal sealed class BenchApi(HttpClient http)
{
    public const string WebhookPath = "/v1/webhooks/livekit";

    private readonly string _token = Environment.GetEnvironmentVariable("BENCH_TOKEN")
        ?? throw new InvalidOperationException("BENCH_TOKEN (an admin's access token) is not set");

    public async Task<Guid> CreateRoomAsync() =>
        (await SendAsync(HttpMethod.Post, "/v1/rooms", new { title = "bench" })).GetProperty("id").GetGuid();

    public async Task<Guid> CreateSessionAsync(Guid roomId, bool recordingEnabled) =>
        (await SendAsync(HttpMethod.Post, $"/v1/rooms/{roomId}/sessions", new
        {
            name = "bench",
            scheduled_at = DateTimeOffset.UtcNow.AddDays(1),
            settings = new { recording_enabled = recordingEnabled },
        })).GetProperty("id").GetGuid();

    /// <summary>Goes live (room, HLS egress, session started); the HLS egress's id.</summary>
    public async Task<string> GoLiveAsync(Guid sessionId) =>
        (await SendAsync(HttpMethod.Post, $"/v1/sessions/{sessionId}/go_live")).GetProperty("stream").GetProperty("hls").GetProperty("egress_id").GetString()!;

    public Task<JsonElement> SendAsync(HttpMethod method, string path, object? body = null) => SendAsync(method, path, body, _token);

    /// <summary>POSTs a webhook body as LiveKit does; the answer's <c>outcome</c>, or null when it was not a 200.</summary>
    public static async Task<string?> PostWebhookAsync(HttpClient http, string body, string authorization)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, WebhookPath) { Content = new StringContent(body, Encoding.UTF8) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/webhook+json");
        request.Headers.TryAddWithoutValidation("Authorization", authorization);
        using var response = await http.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        if (!response.IsSuccessStatusCode)
        {
            Console.Error.WriteLine($"webhook failed: {(int)response.StatusCode} {text}");
            return null;
        }

        using var json = JsonDocument.Parse(text);
        return json.RootElement.GetProperty("data").GetProperty("outcome").GetString();
    }

    private async Task<JsonElement> SendAsync(HttpMethod method, string path, object? body, string token)
    {
        using var request = new HttpRequestMessage(method, path) { Content = body is null ? null : JsonContent.Create(body) };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        using var response = await http.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        if (!response.IsSuccessStatusCode)
        {
            throw new InvalidOperationException($"{method} {path}: {(int)response.StatusCode} {text}");
        }

        using var json = JsonDocument.Parse(text);
        return json.RootElement.GetProperty("data").Clone();
    }
}
