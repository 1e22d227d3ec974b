using System.Diagnostics;

namespace Roomcast.Bench.Driver;

/// <summary>
/// <c>POST /v1/sessions/{id}/chat</c> over HTTP against a running API: <see cref="Senders"/> joined viewers (1,000 unless
/// <c>BENCH_SENDERS</c> says otherwise) take turns
/// (round-robin, so the per-sender limit is not what is measured), <see cref="Workers"/> requests in flight (closed loop)
/// after a short warm-up.
/// </summary>
internal static class ChatLoad
{
    private const int Workers = 64;
    private static readonly int Senders = int.TryParse(Environment.GetEnvironmentVariable("BENCH_SENDERS"), out var n) && n > 0 ? n : 1000;

    public static async Task<Dictionary<string, object>> RunAsync(Uri api, Guid sessionId, TimeSpan duration)
    {
        using var http = new HttpClient(new SocketsHttpHandler { PooledConnectionLifetime = Timeout.InfiniteTimeSpan }) { BaseAddress = api };
        var senders = await LiveViewers.JoinAsync(http, sessionId, Senders);
        var next = 0;
        var errors = 0;

        async Task<List<double>> LoopAsync(TimeSpan length)
        {
            var clock = Stopwatch.StartNew();
            var perWorker = await Task.WhenAll(Enumerable.Range(0, Workers).Select(_ => Task.Run(async () =>
            {
                var latencies = new List<double>();
                while (clock.Elapsed < length)
                {
                    var sender = senders[(uint)Interlocked.Increment(ref next) % senders.Length];
                    var start = Stopwatch.GetTimestamp();
                    if (await LiveViewers.ChatAsync(http, sessionId, sender, "bench message") is { } why)
                    {
                        if (Interlocked.Increment(ref errors) <= 3)
                        {
                            Console.Error.WriteLine($"chat failed: {why}");
                        }
                    }
                    else
                    {
                        latencies.Add(Stopwatch.GetElapsedTime(start).TotalMilliseconds);
                    }
                }

                return latencies;
            })));
            return [.. perWorker.SelectMany(l => l)];
        }

        await LoopAsync(TimeSpan.FromSeconds(Math.Min(2, duration.TotalSeconds))); // warm-up: JIT, connections, grains
        errors = 0;
        var clock = Stopwatch.StartNew();
        var sent = await LoopAsync(duration);
        var seconds = clock.Elapsed.TotalSeconds;
        sent.Sort();
        return new Dictionary<string, object>
        {
            ["messages_per_s"] = Math.Round(sent.Count / seconds),
            ["p50_ms"] = Math.Round(Stats.Percentile(sent, 50), 2),
            ["p99_ms"] = Math.Round(Stats.Percentile(sent, 99), 2),
            ["max_ms"] = Math.Round(sent.Count > 0 ? sent[^1] : double.NaN, 2),
            ["errors"] = errors,
            ["senders"] = Senders,
            ["in_flight"] = Workers,
        };
    }
}
