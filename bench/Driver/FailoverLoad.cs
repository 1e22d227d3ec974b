using System.Diagnostics;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;

namespace Roomcast.Bench.Driver;

/// <summary>
/// A silo loss under write load, against an external API node of a two-silo cluster: <see cref="Sessions"/> sessions
/// are created (one room per 100) and each renamed once, then PATCH /v1/sessions/{id} renames them open loop at
/// <see cref="RatePerSecond"/>, round robin (each session every second), and after <c>beforeKill</c> this process
/// kills the silo whose pid it was given (<see cref="Process.Kill()"/>: SIGKILL on Linux); the load goes on for
/// <c>afterKill</c>. Every request's send time, answer time and outcome are taken from one clock, the kill's too.
/// </summary>
/// <remarks>
/// Figures, in seconds from the kill. The error window runs from the first failed answer after the kill to the last
/// one. <c>recovery_seconds</c>: a session has recovered at its first successful answer, to a request sent after the
/// kill, that comes after the session's last failed answer (a session without failures: its first successful answer
/// to a request sent after the kill, so a stall counts even when it ends in a success); the latest of these over all
/// sessions. From then on no session fails. <c>recovery_new_requests_seconds</c> orders by send time instead: the
/// first success of a request sent after the session's last failed request was sent, so a request still in flight to
/// the dead silo (failing at the response timeout) does not hold it back: when new requests were served again.
/// Resolution: the interval at which each session is written (<see cref="Sessions"/> / <see cref="RatePerSecond"/>).
/// Lost writes, checked by a GET of every session once the load has drained: a session whose stored change_sequence
/// is below its highest acknowledged one, or equal to it with another name, or two acknowledged renames that were
/// answered with the same change_sequence (the second overwrote a state that had lost the first).
/// </remarks>
internal static class FailoverLoad
{
    private const int Sessions = 200;
    private const int SessionsPerRoom = 100;
    private const double RatePerSecond = 200;
    private static readonly TimeSpan RequestTimeout = TimeSpan.FromSeconds(30);

    public static async Task<Dictionary<string, object>> RunAsync(Uri api, int victimPid, TimeSpan beforeKill, TimeSpan afterKill)
    {
        using var victim = Process.GetProcessById(victimPid);
        using var http = new HttpClient(new SocketsHttpHandler { PooledConnectionLifetime = Timeout.InfiniteTimeSpan, MaxConnectionsPerServer = 2048 })
        {
            BaseAddress = api,
            Timeout = RequestTimeout,
        };
        var token = Environment.GetEnvironmentVariable("BENCH_TOKEN")
            ?? throw new InvalidOperationException("BENCH_TOKEN (an admin's access token) is not set");
        var setup = new BenchApi(http);
        var sessionIds = new Guid[Sessions];
        var roomId = Guid.Empty;
        for (var i = 0; i < Sessions; i++)
        {
            if (i % SessionsPerRoom == 0)
            {
                roomId = await setup.CreateRoomAsync();
            }

            sessionIds[i] = await setup.CreateSessionAsync(roomId, recordingEnabled: false);
        }

        var clock = Stopwatch.StartNew();

        // One rename of each before the window: the PATCH path warmed up, and a first acknowledged write to keep.
        var warmUp = await Task.WhenAll(sessionIds.Select((id, s) => RenameAsync(http, token, clock, s, id, $"failover warm-up {s}")));
        if (warmUp.FirstOrDefault(c => c.Failure is not null) is { } failedWarmUp)
        {
            throw new InvalidOperationException($"a rename before the kill failed: {failedWarmUp.Failure}");
        }

        var total = (int)(RatePerSecond * (beforeKill + afterKill).TotalSeconds);
        var calls = new Task<Rename>[total];
        var windowStart = clock.Elapsed;
        var killAt = windowStart + beforeKill;
        var killedAt = TimeSpan.MaxValue;
        for (var i = 0; i < total; i++)
        {
            var due = windowStart + TimeSpan.FromSeconds(i / RatePerSecond);
            if (killedAt == TimeSpan.MaxValue && due >= killAt)
            {
                await DelayUntilAsync(clock, killAt);
                killedAt = clock.Elapsed;
                victim.Kill();
            }

            await DelayUntilAsync(clock, due);
            var session = i % Sessions;
            var index = i;
            calls[i] = Task.Run(() => RenameAsync(http, token, clock, session, sessionIds[session], $"failover {index}"));
        }

        var renames = await Task.WhenAll(calls);
        var answered = clock.Elapsed;
        var stored = await Task.WhenAll(sessionIds.Select(id => ReadStoredAsync(http, token, id)));

        return Report(sessionIds, warmUp, renames, stored, killedAt, windowStart, answered, victimPid);
    }

    private static Dictionary<string, object> Report(
        Guid[] sessionIds, Rename[] warmUp, Rename[] renames, Stored[] stored, TimeSpan killedAt, TimeSpan windowStart,
        TimeSpan answered, int victimPid)
    {
        double SinceKill(TimeSpan at) => Math.Round((at - killedAt).TotalSeconds, 2);

        var failed = renames.Where(r => r.Failure is not null).ToList();
        var failedAfterKill = failed.Where(r => r.Answered >= killedAt).OrderBy(r => r.Answered).ToList();

        var recoveredAt = new TimeSpan?[Sessions];
        var servedAgainAt = new TimeSpan?[Sessions];
        for (var s = 0; s < Sessions; s++)
        {
            var own = renames.Where(r => r.Session == s).ToList();
            var failures = own.Where(r => r.Failure is not null && r.Answered >= killedAt).ToList();
            var successes = own.Where(r => r.Failure is null && r.Sent >= killedAt).ToList();
            var lastFailureAnswered = failures.Select(r => r.Answered).DefaultIfEmpty(killedAt).Max();
            var lastFailureSent = failures.Select(r => r.Sent).DefaultIfEmpty(killedAt).Max();
            recoveredAt[s] = successes.Where(r => r.Answered > lastFailureAnswered).Select(r => (TimeSpan?)r.Answered).Min();
            servedAgainAt[s] = successes.Where(r => r.Sent > lastFailureSent).Select(r => (TimeSpan?)r.Answered).Min();
        }

        var unrecovered = recoveredAt.Count(r => r is null);
        var slowestRecovery = recoveredAt.Where(r => r is not null).Max() ?? killedAt;
        var lastServedAgain = servedAgainAt.Where(r => r is not null).Max() ?? killedAt;
        var slowest = renames.MaxBy(r => r.Latency)!;

        var lostSessions = new List<Guid>();
        for (var s = 0; s < Sessions; s++)
        {
            var acknowledged = warmUp.Where(r => r.Session == s).Concat(renames.Where(r => r.Session == s && r.Failure is null)).ToList();
            var newest = acknowledged.MaxBy(r => r.ChangeSequence)!;
            var overwritten = acknowledged.GroupBy(r => r.ChangeSequence).Any(g => g.Count() > 1);
            var behind = stored[s].ChangeSequence < newest.ChangeSequence
                         || (stored[s].ChangeSequence == newest.ChangeSequence && stored[s].Name != newest.Name);
            if (overwritten || behind)
            {
                lostSessions.Add(sessionIds[s]);
            }
        }

        foreach (var id in lostSessions.Take(10))
        {
            Console.Error.WriteLine($"lost write: session {id}");
        }

        static List<double> Sorted(IEnumerable<Rename> rs) => [.. rs.Select(r => r.Latency.TotalMilliseconds).Order()];
        var before = Sorted(renames.Where(r => r.Answered < killedAt));
        var afterKill = Sorted(renames.Where(r => r.Sent >= killedAt));
        var afterRecovery = Sorted(renames.Where(r => r.Sent >= slowestRecovery));
        return new Dictionary<string, object>
        {
            ["mode"] = "postgres",
            ["recovery_seconds"] = unrecovered > 0 ? -1 : SinceKill(slowestRecovery),
            ["recovery_new_requests_seconds"] = servedAgainAt.Any(r => r is null) ? -1 : SinceKill(lastServedAgain),
            ["error_window_seconds"] = failedAfterKill.Count > 0 ? Math.Round((failedAfterKill[^1].Answered - failedAfterKill[0].Answered).TotalSeconds, 2) : 0,
            ["first_error_after_kill_s"] = failedAfterKill.Count > 0 ? SinceKill(failedAfterKill[0].Answered) : -1,
            ["last_error_after_kill_s"] = failedAfterKill.Count > 0 ? SinceKill(failedAfterKill[^1].Answered) : -1,
            ["requests"] = renames.Length,
            ["errors"] = failed.Count,
            ["errors_by_status"] = failed.GroupBy(r => r.Failure!).OrderBy(g => g.Key).ToDictionary(g => g.Key, g => g.Count()),
            // Fast failures are calls the survivor refused while the dead silo still owned their grains; those at the
            // response timeout were in flight to the dead silo.
            ["errors_by_latency"] = new Dictionary<string, int>
            {
                ["under_1s"] = failed.Count(r => r.Latency < TimeSpan.FromSeconds(1)),
                ["1s_to_4s"] = failed.Count(r => r.Latency >= TimeSpan.FromSeconds(1) && r.Latency < TimeSpan.FromSeconds(4)),
                ["4s_or_more"] = failed.Count(r => r.Latency >= TimeSpan.FromSeconds(4)),
            },
            ["errors_before_kill"] = failed.Count(r => r.Answered < killedAt),
            ["sessions_with_errors"] = failed.Select(r => r.Session).Distinct().Count(),
            ["sessions_unrecovered"] = unrecovered,
            ["lost_writes"] = lostSessions.Count,
            ["slowest_ms"] = Math.Round(slowest.Latency.TotalMilliseconds),
            ["slowest_outcome"] = slowest.Failure ?? "ok",
            ["slowest_sent_after_kill_s"] = SinceKill(slowest.Sent),
            ["before_kill_p50_ms"] = Math.Round(Stats.Percentile(before, 50), 1),
            ["before_kill_p99_ms"] = Math.Round(Stats.Percentile(before, 99), 1),
            ["after_kill_p50_ms"] = Math.Round(Stats.Percentile(afterKill, 50), 1),
            ["after_kill_p99_ms"] = Math.Round(Stats.Percentile(afterKill, 99), 1),
            ["after_recovery_p50_ms"] = Math.Round(Stats.Percentile(afterRecovery, 50), 1),
            ["after_recovery_p99_ms"] = Math.Round(Stats.Percentile(afterRecovery, 99), 1),
            ["sessions"] = Sessions,
            ["rate_per_s"] = RatePerSecond,
            ["achieved_rate_per_s"] = Math.Round(renames.Length / (renames[^1].Sent - windowStart).TotalSeconds),
            ["kill_after_s"] = Math.Round((killedAt - windowStart).TotalSeconds, 2),
            ["load_after_kill_s"] = Math.Round((renames[^1].Sent - killedAt).TotalSeconds, 1),
            ["drained_after_last_send_s"] = Math.Round((answered - renames[^1].Sent).TotalSeconds, 1),
            ["killed_pid"] = victimPid,
        };
    }

    private static async Task DelayUntilAsync(Stopwatch clock, TimeSpan due)
    {
        var wait = due - clock.Elapsed;
        if (wait > TimeSpan.FromMilliseconds(1))
        {
            await Task.Delay(wait);
        }
    }

    private static async Task<Rename> RenameAsync(HttpClient http, string token, Stopwatch clock, int session, Guid id, string name)
    {
        var sent = clock.Elapsed;
        string? failure;
        long changeSequence = -1;
        try
        {
            using var request = new HttpRequestMessage(HttpMethod.Patch, $"/v1/sessions/{id}") { Content = JsonContent.Create(new { name }) };
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
            using var response = await http.SendAsync(request);
            var body = await response.Content.ReadAsByteArrayAsync();
            if (response.IsSuccessStatusCode)
            {
                using var json = JsonDocument.Parse(body);
                changeSequence = json.RootElement.GetProperty("data").GetProperty("change_sequence").GetInt64();
                failure = null;
            }
            else
            {
                failure = ((int)response.StatusCode).ToString();
            }
        }
        catch (TaskCanceledException)
        {
            failure = "timeout";
        }
        catch (HttpRequestException)
        {
            failure = "connection";
        }

        return new Rename(session, name, sent, clock.Elapsed, failure, changeSequence);
    }

    /// <summary>The session as stored once the load is over; retried, as the cluster may still be settling.</summary>
    private static async Task<Stored> ReadStoredAsync(HttpClient http, string token, Guid id)
    {
        for (var attempt = 1; ; attempt++)
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, $"/v1/sessions/{id}");
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
            using var response = await http.SendAsync(request);
            if (response.IsSuccessStatusCode)
            {
                using var json = JsonDocument.Parse(await response.Content.ReadAsByteArrayAsync());
                var data = json.RootElement.GetProperty("data");
                return new Stored(data.GetProperty("name").GetString()!, data.GetProperty("change_sequence").GetInt64());
            }

            if (attempt == 10)
            {
                throw new InvalidOperationException($"GET /v1/sessions/{id} after the load: {(int)response.StatusCode}");
            }

            await Task.Delay(TimeSpan.FromSeconds(1));
        }
    }

    /// <summary>One PATCH: when it was sent and answered (on the load's clock), and its change_sequence when acknowledged.</summary>
    private sealed record Rename(int Session, string Name, TimeSpan Sent, TimeSpan Answered, string? Failure, long ChangeSequence)
    {
        public TimeSpan Latency => Answered - Sent;
    }

    private sealed record Stored(string Name, long ChangeSequence);
}
