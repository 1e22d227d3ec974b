using System.Diagnostics;
using System.Net.Http.Headers;
using System.Text.Json;

namespace Roomcast.Bench.Driver;

/// <summary>
/// One session's live events to many SSE clients at once: <see cref="Subscribers"/> streams of
/// <c>GET /v1/sessions/{id}/events</c> in this process (1,000 unless <c>BENCH_SUBSCRIBERS</c>), all connected first;
/// then chat messages on a fixed schedule (open loop, 20/s unless <c>BENCH_RATE</c>) after a short warm-up, each
/// carrying its send time as <c>t=&lt;Stopwatch ticks&gt;</c> so that every stream times its own delivery on the same
/// clock. Senders take turns, few enough messages each for the default per-sender limit.
/// </summary>
internal static class FanoutLoad
{
    private static readonly int Subscribers = IntFromEnvironment("BENCH_SUBSCRIBERS", 1000);
    private static readonly int PerSecond = IntFromEnvironment("BENCH_RATE", 20);
    private static readonly TimeSpan Drain = TimeSpan.FromSeconds(10);

    public static async Task<Dictionary<string, object>> RunAsync(Uri api, Guid sessionId, TimeSpan duration)
    {
        using var streams = new HttpClient(new SocketsHttpHandler
        {
            MaxConnectionsPerServer = int.MaxValue,
            PooledConnectionLifetime = Timeout.InfiniteTimeSpan,
        }) { BaseAddress = api, Timeout = Timeout.InfiniteTimeSpan };
        using var posts = new HttpClient(new SocketsHttpHandler { PooledConnectionLifetime = Timeout.InfiniteTimeSpan }) { BaseAddress = api };
        using var stop = new CancellationTokenSource();

        var tokens = LiveViewers.Tokens();
        var subscribers = Enumerable.Range(0, Subscribers).Select(_ => new Subscriber()).ToArray();
        await Parallel.ForEachAsync(subscribers, new ParallelOptions { MaxDegreeOfParallelism = 64 }, async (subscriber, _) =>
        {
            subscriber.Reading = subscriber.ReadAsync(streams, $"/v1/sessions/{sessionId}/events", tokens.Mint(Guid.NewGuid()), stop.Token);
            await subscriber.Connected.Task.WaitAsync(TimeSpan.FromSeconds(60));
        });

        var senders = await LiveViewers.JoinAsync(posts, sessionId, Math.Max(1, PerSecond * 2));
        // Warm-up (JIT and first use of every stream's path, on both sides): messages without a send time, not measured.
        await SendAtRateAsync(posts, sessionId, senders, TimeSpan.FromSeconds(Math.Min(2, duration.TotalSeconds)), () => "warm-up");
        var failures = await SendAtRateAsync(posts, sessionId, senders, duration, () => $"t={Stopwatch.GetTimestamp()}");
        foreach (var why in failures.OfType<string>().Take(3))
        {
            Console.Error.WriteLine($"chat failed: {why}");
        }

        var expected = (long)failures.Count(f => f is null) * Subscribers;
        var drained = Stopwatch.StartNew();
        while (subscribers.Sum(s => (long)s.Received) < expected && drained.Elapsed < Drain)
        {
            await Task.Delay(50);
        }

        var disconnects = subscribers.Count(s => s.Reading!.IsCompleted);
        await stop.CancelAsync();
        await Task.WhenAll(subscribers.Select(s => s.Reading!));

        // Deliveries in the order their messages were sent: the first and last quarter show whether latency grows.
        var deliveries = subscribers.SelectMany(s => s.Deliveries).OrderBy(d => d.SentAt).ToArray();
        var quarter = deliveries.Length / 4;
        var latencies = deliveries.Select(d => d.Milliseconds).Order().ToArray();
        // Each message's first delivery is the path without the fan-out; the rest of the spread is writing to every stream.
        var firsts = deliveries.GroupBy(d => d.SentAt).Select(g => g.Min(d => d.Milliseconds)).Order().ToArray();
        return new Dictionary<string, object>
        {
            ["subscribers"] = Subscribers,
            ["rate_per_s"] = PerSecond,
            ["p50_ms"] = Math.Round(Stats.Percentile(latencies, 50), 2),
            ["p99_ms"] = Math.Round(Stats.Percentile(latencies, 99), 2),
            ["max_ms"] = Math.Round(latencies.Length > 0 ? latencies[^1] : double.NaN, 2),
            ["first_delivery_p50_ms"] = Math.Round(Stats.Percentile(firsts, 50), 2),
            ["p99_first_quarter_ms"] = Math.Round(P99(deliveries[..quarter]), 2),
            ["p99_last_quarter_ms"] = Math.Round(P99(deliveries[^quarter..]), 2),
            ["delivered"] = latencies.Length,
            ["expected"] = expected,
            ["lost"] = expected - latencies.Length,
            ["sequence_gaps"] = subscribers.Sum(s => s.Gaps),
            ["disconnects"] = disconnects,
            ["send_errors"] = failures.Count(f => f is not null),
        };
    }

    /// <summary>Chat messages on a fixed schedule (open loop), senders in turn; for each, why it failed or null.</summary>
    private static async Task<string?[]> SendAtRateAsync(HttpClient http, Guid sessionId, string[] senders, TimeSpan duration, Func<string> text)
    {
        var count = (int)(PerSecond * duration.TotalSeconds);
        var failures = new string?[count];
        var sends = new Task[count];
        var interval = TimeSpan.FromSeconds(1.0 / PerSecond);
        var clock = Stopwatch.StartNew();
        for (var i = 0; i < count; i++)
        {
            var wait = interval * i - clock.Elapsed;
            if (wait > TimeSpan.FromMilliseconds(1))
            {
                await Task.Delay(wait);
            }

            var index = i;
            sends[i] = Task.Run(async () => failures[index] = await LiveViewers.ChatAsync(http, sessionId, senders[index % senders.Length], text()));
        }

        await Task.WhenAll(sends);
        return failures;
    }

    private static double P99(Delivery[] deliveries) => Stats.Percentile(deliveries.Select(d => d.Milliseconds).Order().ToArray(), 99);

    private static int IntFromEnvironment(string name, int fallback) =>
        int.TryParse(Environment.GetEnvironmentVariable(name), out var value) && value > 0 ? value : fallback;

    private readonly record struct Delivery(long SentAt, double Milliseconds);

    private sealed class Subscriber
    {
        public TaskCompletionSource Connected { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public Task? Reading { get; set; }

        public List<Delivery> Deliveries { get; } = [];

        /// <summary>Read by the drain loop while this stream appends: a volatile count instead of the list's.</summary>
        public int Received => Volatile.Read(ref _received);

        public int Gaps { get; private set; }

        private int _received;
        private long _lastSequence;

        public async Task ReadAsync(HttpClient http, string path, string token, CancellationToken stop)
        {
            try
            {
                using var request = new HttpRequestMessage(HttpMethod.Get, path);
                request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
                request.Headers.Accept.ParseAdd("text/event-stream");
                using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, stop);
                response.EnsureSuccessStatusCode();
                using var reader = new StreamReader(await response.Content.ReadAsStreamAsync(stop));
                string? type = null;
                while (await reader.ReadLineAsync(stop) is { } line)
                {
                    var receivedAt = Stopwatch.GetTimestamp();
                    if (line == ": connected")
                    {
                        Connected.TrySetResult();
                    }
                    else if (line.StartsWith("event: ", StringComparison.Ordinal))
                    {
                        type = line[7..];
                    }
                    else if (type == "chat.message" && line.StartsWith("data: ", StringComparison.Ordinal))
                    {
                        OnChatMessage(line[6..], receivedAt);
                    }
                }

                Connected.TrySetException(new InvalidOperationException("the stream ended"));
                Console.Error.WriteLine($"fanout: a stream ended after {_received} messages");
            }
            catch (OperationCanceledException) when (stop.IsCancellationRequested)
            {
            }
            catch (Exception e)
            {
                Connected.TrySetException(e);
                Console.Error.WriteLine($"fanout: a stream failed after {_received} messages: {e.Message}");
            }
        }

        private void OnChatMessage(string data, long receivedAt)
        {
            using var json = JsonDocument.Parse(data);
            var sequence = json.RootElement.GetProperty("seq").GetInt64();
            if (_lastSequence != 0 && sequence != _lastSequence + 1)
            {
                Gaps++;
            }

            _lastSequence = sequence;
            if (json.RootElement.GetProperty("text").GetString() is ['t', '=', .. var ticks])
            {
                var sentAt = long.Parse(ticks);
                Deliveries.Add(new Delivery(sentAt, Stopwatch.GetElapsedTime(sentAt, receivedAt).TotalMilliseconds));
                Interlocked.Increment(ref _received);
            }
        }
    }
}
