using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;

namespace Roomcast.Bench.Driver;

/// <summary>Synthetic viewers of one live session over HTTP: tokens signed with <c>BENCH_SIGNING_KEY</c>, joined or not.</summary>
internal static class LiveViewers
{
    private static readonly Guid DefaultLibraryId = new("00000000-0000-0000-0000-000000000001");

    public static ViewerTokens Tokens() => new(
        Environment.GetEnvironmentVariable("BENCH_SIGNING_KEY")
            ?? throw new InvalidOperationException("BENCH_SIGNING_KEY (the API's Auth:Jwt:SigningKey) is not set"),
        DefaultLibraryId);

    /// <summary>Mints <paramref name="count"/> new viewers and joins each to the session, 32 at a time; their tokens.</summary>
    public static async Task<string[]> JoinAsync(HttpClient http, Guid sessionId, int count)
    {
        var tokens = Tokens();
        var viewers = Enumerable.Range(0, count).Select(_ => tokens.Mint(Guid.NewGuid())).ToArray();
        await Parallel.ForEachAsync(viewers, new ParallelOptions { MaxDegreeOfParallelism = 32 }, async (token, cancel) =>
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, $"/v1/sessions/{sessionId}/join");
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
            using var response = await http.SendAsync(request, cancel);
            if (response.StatusCode != HttpStatusCode.OK)
            {
                throw new InvalidOperationException($"join failed: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync(cancel)}");
            }
        });
        return viewers;
    }

    /// <summary>Posts one chat message as <paramref name="token"/>; null when it was sent, else why not.</summary>
    public static async Task<string?> ChatAsync(HttpClient http, Guid sessionId, string token, string text)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, $"/v1/sessions/{sessionId}/chat") { Content = JsonContent.Create(new { text }) };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        try
        {
            using var response = await http.SendAsync(request);
            return response.StatusCode == HttpStatusCode.Created
                ? null
                : $"{(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}";
        }
        catch (HttpRequestException e)
        {
            return e.Message;
        }
    }
}
