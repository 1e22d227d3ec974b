using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;

namespace Roomcast.Bench.Driver;

/// <summary>
/// <c>POST /v1/sessions/{id}/join</c> over HTTP against a running API, every request a new viewer (an admission,
/// not a re-join). First the maximum rate with a fixed number of requests in flight (closed loop), then the latency
/// when joins arrive on a fixed schedule at half that rate (open loop, timed from the scheduled send so that a slow
/// answer cannot delay the requests behind it out of the measure).
/// </summary>
internal sealed class JoinLoad : IDisposable
{
    private const int Workers = 64;
    private static readonly Guid DefaultLibraryId = new("00000000-0000-0000-0000-000000000001");

    private readonly HttpClient _http;
    private readonly string _path;
    private readonly ViewerTokens _tokens;
    private int _errors;
    private int _reportedErrors;

    private JoinLoad(Uri api, Guid sessionId, string signingKey)
    {
        _http = new HttpClient(new SocketsHttpHandler { PooledConnectionLifetime = Timeout.InfiniteTimeSpan }) { BaseAddress = api };
        _path = $"/v1/sessions/{sessionId}/join";
        _tokens = new ViewerTokens(signingKey, DefaultLibraryId);
    }

    public static async Task<Dictionary<string, object>> RunAsync(Uri api, Guid sessionId, TimeSpan duration)
    {
        var signingKey = Environment.GetEnvironmentVariable("BENCH_SIGNING_KEY")
            ?? throw new InvalidOperationException("BENCH_SIGNING_KEY (the API's Auth:Jwt:SigningKey) is not set");
        using var load = new JoinLoad(api, sessionId, signingKey);

        await load.ClosedLoopAsync(TimeSpan.FromSeconds(Math.Min(3, duration.TotalSeconds))); // warm-up: JIT, connections
        var warmUpErrors = load._errors;
        var (joined, seconds) = await load.ClosedLoopAsync(duration);
        var maxPerSecond = joined / seconds;
        var closedErrors = load._errors - warmUpErrors;

        var halfRate = maxPerSecond / 2;
        var latencies = await load.OpenLoopAsync(halfRate, duration);
        var openErrors = load._errors - warmUpErrors - closedErrors;
        if (latencies.Length == 0)
        {
            throw new InvalidOperationException("every paced join failed");
        }

        Array.Sort(latencies);
        return new Dictionary<string, object>
        {
            ["max_joins_per_s"] = Math.Round(maxPerSecond),
            ["half_rate"] = Math.Round(halfRate),
            ["p50_ms"] = Math.Round(Stats.Percentile(latencies, 50), 2),
            ["p99_ms"] = Math.Round(Stats.Percentile(latencies, 99), 2),
            ["max_ms"] = Math.Round(latencies[^1], 2),
            ["errors"] = openErrors,
            ["closed_loop_errors"] = closedErrors,
            ["viewers_joined"] = joined + latencies.Length,
        };
    }

    private async Task<(int Joined, double Seconds)> ClosedLoopAsync(TimeSpan duration)
    {
        var joined = 0;
        var clock = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, Workers).Select(_ => Task.Run(async () =>
        {
            while (clock.Elapsed < duration)
            {
                // Minted in the loop: a few microseconds of HMAC against a request of hundreds.
                if (await JoinAsync(_tokens.Mint(Guid.NewGuid())))
                {
                    Interlocked.Increment(ref joined);
                }
            }
        })));
        return (joined, clock.Elapsed.TotalSeconds);
    }

    /// <summary>Latencies of the joins that succeeded, in milliseconds from each one's scheduled send time.</summary>
    private async Task<double[]> OpenLoopAsync(double perSecond, TimeSpan duration)
    {
        var count = (int)(perSecond * duration.TotalSeconds);
        var tokens = Enumerable.Range(0, count).Select(_ => _tokens.Mint(Guid.NewGuid())).ToArray();
        var latencies = new double[count];
        var calls = new Task[count];
        var interval = TimeSpan.FromSeconds(1 / perSecond);
        var clock = Stopwatch.StartNew();
        for (var i = 0; i < count; i++)
        {
            var due = interval * i;
            var wait = due - clock.Elapsed;
            if (wait > TimeSpan.FromMilliseconds(1))
            {
                await Task.Delay(wait);
            }

            var index = i;
            calls[i] = Task.Run(async () =>
            {
                var ok = await JoinAsync(tokens[index]);
                latencies[index] = ok ? (clock.Elapsed - due).TotalMilliseconds : double.NaN;
            });
        }

        await Task.WhenAll(calls);
        return latencies.Where(l => !double.IsNaN(l)).ToArray();
    }

    private async Task<bool> JoinAsync(string token)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, _path);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        try
        {
            using var response = await _http.SendAsync(request);
            if (response.StatusCode == HttpStatusCode.OK)
            {
                return true;
            }

            Fail($"{(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        }
        catch (HttpRequestException e)
        {
            Fail(e.Message);
        }

        return false;
    }

    private void Fail(string why)
    {
        Interlocked.Increment(ref _errors);
        if (Interlocked.Increment(ref _reportedErrors) <= 3)
        {
            Console.Error.WriteLine($"join failed: {why}");
        }
    }

    public void Dispose() => _http.Dispose();
}
