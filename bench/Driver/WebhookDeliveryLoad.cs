using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Roomcast.Bench.Driver;

/// <summary>
/// Outbound webhook delivery against a running API (started with <c>Webhooks__AllowPrivateAddresses=true</c>): a
/// receiver in this process on 127.0.0.1 answers 204 and records when each <c>webhook-id</c> arrives; it is registered
/// for <c>session.started</c> on the default library. <see cref="Sessions"/> sessions are created (one room per 100)
/// before the window, then started through the API at a steady pace spread over the window (open loop, each start
/// sent at its time). Measured: deliveries per second at the receiver (first to last delivery), and per event the
/// time from the start request's response to the delivery's arrival; every started session must be delivered at
/// least once (a delivery arriving again is counted as a duplicate). Waits up to <see cref="DrainLimit"/> after the
/// last start for the outbox to drain.
/// </summary>
internal static class WebhookDeliveryLoad
{
    private const int Sessions = 2000;
    private const int SessionsPerRoom = 100;
    private static readonly Guid DefaultLibraryId = Guid.Parse("00000000-0000-0000-0000-000000000001");
    private static readonly TimeSpan DrainLimit = TimeSpan.FromSeconds(120);

    public static async Task<Dictionary<string, object>> RunAsync(Uri api, TimeSpan duration)
    {
        await using var receiver = await Receiver.StartAsync();
        using var http = new HttpClient(new SocketsHttpHandler { PooledConnectionLifetime = Timeout.InfiniteTimeSpan, MaxConnectionsPerServer = 64 })
        {
            BaseAddress = api,
        };
        var setup = new BenchApi(http);

        var sessionIds = new List<Guid>(Sessions);
        var roomId = Guid.Empty;
        for (var i = 0; i < Sessions; i++)
        {
            if (i % SessionsPerRoom == 0)
            {
                roomId = await setup.CreateRoomAsync();
            }

            sessionIds.Add(await setup.CreateSessionAsync(roomId, recordingEnabled: false));
        }

        // The session.scheduled events of the set-up go through the outbox (to no endpoint) before the window.
        await Task.Delay(TimeSpan.FromSeconds(3));
        await setup.SendAsync(HttpMethod.Post, $"/v1/libraries/{DefaultLibraryId}/webhooks",
            new { url = new Uri(receiver.Address, "/hook").ToString(), events = new[] { "session.started" } });

        // Open loop: start i is sent at i / rate seconds, whatever the earlier ones are doing.
        var rate = Sessions / duration.TotalSeconds;
        var answered = new long[Sessions];
        var startLatencies = new double[Sessions];
        var startErrors = 0;
        var clock = Stopwatch.StartNew();
        var starts = new List<Task>(Sessions);
        for (var i = 0; i < Sessions; i++)
        {
            var due = TimeSpan.FromSeconds(i / rate);
            var wait = due - clock.Elapsed;
            if (wait > TimeSpan.FromMilliseconds(1))
            {
                await Task.Delay(wait);
            }

            var index = i;
            starts.Add(Task.Run(async () =>
            {
                var sent = Stopwatch.GetTimestamp();
                try
                {
                    await setup.SendAsync(HttpMethod.Post, $"/v1/sessions/{sessionIds[index]}/start");
                    answered[index] = Stopwatch.GetTimestamp();
                    startLatencies[index] = Stopwatch.GetElapsedTime(sent).TotalMilliseconds;
                }
                catch (Exception e) when (e is InvalidOperationException or HttpRequestException)
                {
                    Console.Error.WriteLine($"start failed: {e.Message}");
                    Interlocked.Increment(ref startErrors);
                }
            }));
        }

        await Task.WhenAll(starts);
        var startWindow = clock.Elapsed.TotalSeconds;
        var started = sessionIds.Where((_, i) => answered[i] != 0).ToHashSet();

        var drainClock = Stopwatch.StartNew();
        while (drainClock.Elapsed < DrainLimit && !started.All(receiver.FirstArrivals.ContainsKey))
        {
            await Task.Delay(100);
        }

        var drained = started.All(receiver.FirstArrivals.ContainsKey);
        await Task.Delay(TimeSpan.FromSeconds(2)); // late duplicates

        var latencies = new List<double>(Sessions);
        for (var i = 0; i < Sessions; i++)
        {
            if (answered[i] != 0 && receiver.FirstArrivals.TryGetValue(sessionIds[i], out var arrival))
            {
                latencies.Add(Stopwatch.GetElapsedTime(answered[i], arrival).TotalMilliseconds);
            }
        }

        latencies.Sort();
        var startSorted = startLatencies.Where((_, i) => answered[i] != 0).Order().ToList();
        var arrivals = receiver.FirstArrivals.Values.Order().ToList();
        var deliverySpan = arrivals.Count > 1 ? Stopwatch.GetElapsedTime(arrivals[0], arrivals[^1]).TotalSeconds : double.NaN;
        var deliveredSessions = started.Count(receiver.FirstArrivals.ContainsKey);
        return new Dictionary<string, object>
        {
            ["deliveries_per_s"] = Math.Round(arrivals.Count / deliverySpan),
            ["start_rate_per_s"] = Math.Round(started.Count / startWindow),
            ["p50_ms"] = Math.Round(Stats.Percentile(latencies, 50), 1),
            ["p99_ms"] = Math.Round(Stats.Percentile(latencies, 99), 1),
            ["max_ms"] = Math.Round(latencies.Count > 0 ? latencies[^1] : double.NaN, 1),
            ["sessions_started"] = started.Count,
            ["delivered"] = deliveredSessions,
            ["lost"] = started.Count - deliveredSessions,
            ["duplicates"] = receiver.Ids.Values.Sum(n => n - 1),
            ["unexpected"] = receiver.Unexpected,
            ["drained_within_s"] = drained ? Math.Round(drainClock.Elapsed.TotalSeconds, 1) : -1,
            ["start_p50_ms"] = Math.Round(Stats.Percentile(startSorted, 50), 1),
            ["start_p99_ms"] = Math.Round(Stats.Percentile(startSorted, 99), 1),
            ["start_errors"] = startErrors,
            ["receiver"] = "in-process Kestrel on 127.0.0.1, 204",
        };
    }

    /// <summary>The local endpoint: 204 to every POST, and the first arrival (Stopwatch timestamp) of each session's event.</summary>
    private sealed class Receiver : IAsyncDisposable
    {
        private readonly WebApplication _app;
        private int _requests;
        private int _unexpected;

        private Receiver(WebApplication app, Uri address)
        {
            _app = app;
            Address = address;
        }

        public Uri Address { get; }

        /// <summary>Session id → when its first delivery arrived.</summary>
        public ConcurrentDictionary<Guid, long> FirstArrivals { get; } = new();

        /// <summary>Every webhook-id seen (to tell a duplicate from a second event).</summary>
        public ConcurrentDictionary<string, int> Ids { get; } = new();

        public int Requests => Volatile.Read(ref _requests);

        /// <summary>Deliveries that were not a session.started with a webhook-id and a session id.</summary>
        public int Unexpected => Volatile.Read(ref _unexpected);

        public static async Task<Receiver> StartAsync()
        {
            var builder = WebApplication.CreateSlimBuilder();
            builder.Logging.ClearProviders();
            builder.WebHost.UseUrls("http://127.0.0.1:0");
            var app = builder.Build();
            Receiver? self = null;
            app.MapPost("/hook", async (HttpContext context) =>
            {
                var arrived = Stopwatch.GetTimestamp();
                using var body = await JsonDocument.ParseAsync(context.Request.Body);
                self!.Record(arrived, context.Request.Headers["webhook-id"].ToString(), body.RootElement);
                return Results.NoContent();
            });
            await app.StartAsync();
            var address = new Uri(app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First());
            self = new Receiver(app, address);
            return self;
        }

        public ValueTask DisposeAsync() => _app.DisposeAsync();

        private void Record(long arrived, string webhookId, JsonElement body)
        {
            Interlocked.Increment(ref _requests);
            if (webhookId.Length == 0
                || !body.TryGetProperty("type", out var type) || type.GetString() != "session.started"
                || !body.TryGetProperty("data", out var data) || !data.TryGetProperty("session_id", out var id) || !id.TryGetGuid(out var sessionId))
            {
                Interlocked.Increment(ref _unexpected);
                return;
            }

            Ids.AddOrUpdate(webhookId, 1, (_, n) => n + 1);
            FirstArrivals.TryAdd(sessionId, arrived);
        }
    }
}
