using System.Diagnostics;
using System.Globalization;
using System.Security.Cryptography;
using System.Text.Json;

namespace Roomcast.Bench.Driver;

/// <summary>
/// Signed LiveKit webhooks through <c>POST /v1/webhooks/livekit</c> against a running API: <see cref="Sessions"/> sessions
/// made live through the API (<c>go_live</c>; in dev mode without a LiveKit server the HLS egress is the detached
/// service's synthetic one), then, round-robin over them, participant_joined and participant_left of a new viewer
/// and an egress_updated of the session's HLS egress, every event a distinct id. The bodies of the timed window are
/// built and signed before it (as many as the warm-up rate says it needs, with half again to spare), so signing is
/// not measured; <see cref="Workers"/> requests in flight (closed loop). Then 1,000 of the events already applied are
/// sent again: each must be answered "duplicate".
/// </summary>
internal static class WebhookIntakeLoad
{
    private const int Workers = 64;
    private const int Sessions = 20;
    private const int Replays = 1000;

    public static async Task<Dictionary<string, object>> RunAsync(Uri api, TimeSpan duration)
    {
        using var http = new HttpClient(new SocketsHttpHandler { PooledConnectionLifetime = Timeout.InfiniteTimeSpan }) { BaseAddress = api };
        var setup = new BenchApi(http);
        var roomId = await setup.CreateRoomAsync();
        var sessions = new List<(Guid SessionId, string EgressId)>();
        for (var i = 0; i < Sessions; i++)
        {
            var sessionId = await setup.CreateSessionAsync(roomId, recordingEnabled: false);
            sessions.Add((sessionId, await setup.GoLiveAsync(sessionId)));
        }

        var events = new EventSource(sessions, LiveKitWebhookSigner.FromEnvironment());

        // Warm-up (JIT, connections, grains): signed as they go, and it says how many bodies the window needs.
        var warmUp = TimeSpan.FromSeconds(Math.Min(3, duration.TotalSeconds));
        var warm = await LoopAsync(http, () => events.Next(), warmUp);
        var needed = (int)Math.Max(10_000, warm.Latencies.Count / warmUp.TotalSeconds * duration.TotalSeconds * 1.5);
        var signed = Enumerable.Range(0, needed).Select(_ => events.Next()).ToArray();

        var next = -1;
        var clock = Stopwatch.StartNew();
        var timed = await LoopAsync(http, () =>
        {
            var index = Interlocked.Increment(ref next);
            return index < signed.Length ? signed[index] : null;
        }, duration);
        var seconds = clock.Elapsed.TotalSeconds;
        var sent = Math.Min(next + 1, signed.Length);
        if (sent == signed.Length)
        {
            Console.Error.WriteLine($"webhook-intake: all {signed.Length} pre-signed bodies sent before the window ended");
        }

        // The replay: 1,000 events of the window, spread over it, sent again in the same way.
        var replayNext = -1;
        var step = Math.Max(1, sent / Replays);
        var replay = await LoopAsync(http, () =>
        {
            var index = Interlocked.Increment(ref replayNext);
            return index < Replays && index * step < sent ? signed[index * step] : null;
        }, TimeSpan.FromMinutes(1));

        // Each session's HLS egress runs with the live playlist the egress events named (share_urls has it only then;
        // go_live's synthetic egress has none), so they were applied to a running stream, not only deduplicated or
        // ignored by an ended one. (Not stream_health: in dev mode without LiveKit its
        // refresh finds no such egress and aborts it; the media grain's first watch reminder, a period after go_live,
        // does the same, so a BENCH_DURATION longer than that measures no-op egress events.)
        var hlsRunning = 0;
        foreach (var (sessionId, _) in sessions)
        {
            var share = await setup.SendAsync(HttpMethod.Get, $"/v1/sessions/{sessionId}/share_urls");
            hlsRunning += share.TryGetProperty("hls_url", out var hls) && hls.ValueKind == JsonValueKind.String ? 1 : 0;
        }

        if (hlsRunning < sessions.Count)
        {
            Console.Error.WriteLine($"WARNING: {sessions.Count - hlsRunning} of {sessions.Count} HLS egresses do not run with the reported playlist: egress events were not applied");
        }

        var latencies = timed.Latencies;
        latencies.Sort();
        return new Dictionary<string, object>
        {
            ["events_per_s"] = Math.Round(latencies.Count / seconds),
            ["p50_ms"] = Math.Round(Stats.Percentile(latencies, 50), 2),
            ["p99_ms"] = Math.Round(Stats.Percentile(latencies, 99), 2),
            ["max_ms"] = Math.Round(latencies.Count > 0 ? latencies[^1] : double.NaN, 2),
            ["processed"] = timed.Outcomes.GetValueOrDefault("processed"),
            ["not_processed"] = latencies.Count - timed.Outcomes.GetValueOrDefault("processed"),
            ["errors"] = timed.Errors,
            ["replayed"] = replay.Latencies.Count + replay.Errors,
            ["replayed_duplicate"] = replay.Outcomes.GetValueOrDefault("duplicate"),
            ["replay_errors"] = replay.Errors + replay.Latencies.Count - replay.Outcomes.GetValueOrDefault("duplicate"),
            ["bodies_presigned"] = signed.Length,
            ["sessions"] = Sessions,
            ["sessions_hls_running_after"] = hlsRunning,
            ["in_flight"] = Workers,
            ["mix"] = "participant_joined, participant_left, egress_updated (HLS) in turn",
        };
    }

    private sealed record LoopResult(List<double> Latencies, Dictionary<string, int> Outcomes, int Errors);

    /// <summary>Sends what <paramref name="take"/> gives (until it gives null or the time is up), <see cref="Workers"/> at a time.</summary>
    private static async Task<LoopResult> LoopAsync(HttpClient http, Func<SignedEvent?> take, TimeSpan length)
    {
        var clock = Stopwatch.StartNew();
        var errors = 0;
        var perWorker = await Task.WhenAll(Enumerable.Range(0, Workers).Select(_ => Task.Run(async () =>
        {
            var latencies = new List<double>();
            var outcomes = new Dictionary<string, int>();
            while (clock.Elapsed < length && take() is { } webhook)
            {
                var start = Stopwatch.GetTimestamp();
                string? outcome;
                try
                {
                    outcome = await BenchApi.PostWebhookAsync(http, webhook.Body, webhook.Authorization);
                }
                catch (HttpRequestException e)
                {
                    Console.Error.WriteLine($"webhook failed: {e.Message}");
                    outcome = null;
                }

                if (outcome is null)
                {
                    Interlocked.Increment(ref errors);
                    continue;
                }

                latencies.Add(Stopwatch.GetElapsedTime(start).TotalMilliseconds);
                outcomes[outcome] = outcomes.GetValueOrDefault(outcome) + 1;
            }

            return (latencies, outcomes);
        })));
        return new LoopResult([.. perWorker.SelectMany(w => w.latencies)],
            perWorker.SelectMany(w => w.outcomes).GroupBy(o => o.Key).ToDictionary(g => g.Key, g => g.Sum(o => o.Value)), errors);
    }

    private sealed record SignedEvent(string Body, string Authorization);

    /// <summary>The next event of the mix, built and signed; thread-safe.</summary>
    private sealed class EventSource(IReadOnlyList<(Guid SessionId, string EgressId)> sessions, LiveKitWebhookSigner signer)
    {
        private long _sequence = -1;

        public SignedEvent Next()
        {
            var n = Interlocked.Increment(ref _sequence);
            var (sessionId, egressId) = sessions[(int)(n / 3 % sessions.Count)];
            var room = $"session-{sessionId:D}";
            var now = DateTimeOffset.UtcNow;
            var id = "EV_bench_" + n.ToString(CultureInfo.InvariantCulture) + "_" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(4));
            // Joined and left of one viewer: the viewer of the group of three this event is in.
            var viewer = new Guid((int)(n / 3), 0x7e57, 0, 1, 2, 3, 4, 5, 6, 7, 8);
            var body = (n % 3) switch
            {
                0 or 1 => JsonSerializer.Serialize(new
                {
                    @event = n % 3 == 0 ? "participant_joined" : "participant_left",
                    room = new { sid = "RM_" + sessionId.ToString("N")[..12], name = room },
                    participant = new
                    {
                        sid = "PA_" + viewer.ToString("N")[..12],
                        identity = viewer.ToString("D"),
                        name = "Bench viewer",
                        state = n % 3 == 0 ? "ACTIVE" : "DISCONNECTED",
                        joinedAt = now.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture),
                    },
                    id,
                    createdAt = now.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture),
                }),
                _ => JsonSerializer.Serialize(new
                {
                    @event = "egress_updated",
                    egressInfo = new
                    {
                        egressId,
                        roomName = room,
                        status = "EGRESS_ACTIVE",
                        startedAt = Nanoseconds(now.AddMinutes(-1)),
                        updatedAt = Nanoseconds(now),
                        roomComposite = new { roomName = room },
                        segmentResults = new[]
                        {
                            new
                            {
                                playlistName = "index.m3u8",
                                livePlaylistName = "live.m3u8",
                                livePlaylistLocation = $"http://127.0.0.1/hls/{sessionId:N}/live.m3u8",
                                segmentCount = (n / 3).ToString(CultureInfo.InvariantCulture),
                            },
                        },
                    },
                    id,
                    createdAt = now.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture),
                }),
            };
            return new SignedEvent(body, signer.Sign(body));
        }

        private static string Nanoseconds(DateTimeOffset time) =>
            ((time.UtcTicks - DateTimeOffset.UnixEpoch.UtcTicks) * TimeSpan.NanosecondsPerTick).ToString(CultureInfo.InvariantCulture);
    }
}
