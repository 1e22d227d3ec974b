using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Text.Json;
using Npgsql;
using Roomcast.WebApi.Tests.Infrastructure;
using Xunit.Abstractions;

namespace Roomcast.WebApi.Tests;

/// <summary>
/// PostgreSQL goes away under write load and comes back: the API (embedded silo, <c>Storage=Postgres</c>, against a
/// PostgreSQL server of the test's own) answers 503 <c>unavailable</c> with <c>Retry-After</c> meanwhile, never 500;
/// every rename it acknowledged is what storage holds at the end; no client sees a session's change_sequence go
/// back; and every session answers 200 again within seconds of PostgreSQL being back.
/// </summary>
public sealed class PostgresOutageTests(ITestOutputHelper output)
{
    private const int Sessions = 12;
    private const int Clients = 4;

    /// <summary>
    /// The phases are real time because the outage is real: a PostgreSQL process stopped and started. Load before the
    /// outage (so connections are pooled and activations hold state), the outage itself, and at most this long for
    /// every session to answer again afterwards.
    /// </summary>
    private static readonly TimeSpan LoadBefore = TimeSpan.FromSeconds(3);
    private static readonly TimeSpan Outage = TimeSpan.FromSeconds(3);
    private static readonly TimeSpan RecoveryBound = TimeSpan.FromSeconds(15);

    /// <summary>Load kept going after every session has recovered, to see that it stays recovered.</summary>
    private static readonly TimeSpan LoadAfterRecovery = TimeSpan.FromSeconds(2);

    [PrivatePostgresFact]
    public async Task Postgres_outage_under_write_load_gives_503s_no_500s_and_loses_no_acknowledged_write()
    {
        var total = Stopwatch.StartNew();
        await using var postgres = await PrivatePostgres.StartAsync();
        await using var api = new OutageApiFactory(postgres.ConnectionString);
        var host = await api.CreateHostAsync();
        var room = await api.CreateRoomAsync(host);
        var sessions = new List<Tracked>();
        for (var i = 0; i < Sessions; i++)
        {
            var created = await api.CreateSessionAsync(host, room.Id, name: $"s{i}-created");
            sessions.Add(new Tracked(created.Id, i % Clients, created.Name, created.ChangeSequence));
        }

        output.WriteLine($"private PostgreSQL on port {postgres.Port}, API and {Sessions} sessions up at {total.Elapsed.TotalSeconds:F1} s");

        var clock = Stopwatch.StartNew();
        var calls = new ConcurrentBag<Call>();
        var stoppedAt = TimeSpan.MaxValue;
        var backAt = TimeSpan.MaxValue;
        var stopLoadAt = TimeSpan.MaxValue;

        async Task Client(int client)
        {
            var mine = sessions.Where(s => s.Client == client).ToList();
            for (var n = 0; clock.Elapsed < stopLoadAt; n++)
            {
                var session = mine[n % mine.Count];
                await (session.Known is null ? ReadAsync(session) : RenameAsync(session, n));

                // A paced load: enough writes to batch, few enough that 2 cores also run the server and PostgreSQL.
                await Task.Delay(20);
            }
        }

        async Task ReadAsync(Tracked session)
        {
            var started = clock.Elapsed;
            using var response = await host.Client.GetAsync($"/v1/sessions/{session.Id}");
            var call = await CallAsync(session, "GET", started, response);
            if (call.Status == HttpStatusCode.OK)
            {
                session.Observe(call.ChangeSequence!.Value, call.Ended);
                session.Known = call.ChangeSequence;
            }
        }

        async Task RenameAsync(Tracked session, int n)
        {
            var name = $"s{sessions.IndexOf(session)}-n{n}";
            var expected = session.Known!.Value;
            session.Attempts[expected + 1] = session.Attempts.GetValueOrDefault(expected + 1, []).Append(name).ToArray();
            var started = clock.Elapsed;
            using var response = await host.Client.PatchAsync($"/v1/sessions/{session.Id}",
                ApiJson.Body(new { Name = name, ChangeSequence = expected }));
            var call = await CallAsync(session, "PATCH", started, response);
            if (call.Status == HttpStatusCode.OK)
            {
                Assert.True(call.ChangeSequence == expected + 1 && call.Name == name,
                    $"Session {session.Id}: rename to {name} at {expected} acknowledged as {call.Name} at {call.ChangeSequence}.");
                session.Observe(call.ChangeSequence!.Value, call.Ended);
                session.Acknowledged = (name, expected + 1);
                session.Known = expected + 1;
            }
            else
            {
                // The outcome of a failed write is unknown (it may have committed): re-read before the next one.
                session.Known = null;
            }
        }

        async Task<Call> CallAsync(Tracked session, string method, TimeSpan started, HttpResponseMessage response)
        {
            var body = await response.Content.ReadAsStringAsync();
            string? name = null, code = null;
            long? sequence = null;
            try
            {
                using var json = JsonDocument.Parse(body);
                if (json.RootElement.TryGetProperty("data", out var data))
                {
                    name = data.GetProperty("name").GetString();
                    sequence = data.GetProperty("change_sequence").GetInt64();
                }
                else if (json.RootElement.TryGetProperty("error", out var error))
                {
                    code = error.GetProperty("code").GetString();
                }
            }
            catch (JsonException)
            {
                code = "unreadable: " + body[..Math.Min(body.Length, 200)];
            }

            var call = new Call(session.Id, method, started, clock.Elapsed, response.StatusCode, code,
                response.Headers.RetryAfter is not null, name, sequence);
            calls.Add(call);
            return call;
        }

        async Task OutageAsync()
        {
            await Task.Delay(LoadBefore);
            stoppedAt = clock.Elapsed;
            await postgres.StopImmediatelyAsync();
            output.WriteLine($"PostgreSQL stopped (immediate) at {stoppedAt.TotalSeconds:F1} s");
            await Task.Delay(Outage);
            await postgres.StartAgainAsync();
            backAt = clock.Elapsed;
            output.WriteLine($"PostgreSQL accepting connections again at {backAt.TotalSeconds:F1} s");

            // Keep the load until every session has answered 200 since PostgreSQL came back (bounded), then a little more.
            while (clock.Elapsed - backAt < RecoveryBound && !sessions.All(s => calls.Any(c => c.Session == s.Id && c.Started >= backAt && c.Status == HttpStatusCode.OK)))
            {
                await Task.Delay(100);
            }

            stopLoadAt = clock.Elapsed + LoadAfterRecovery;
        }

        await Task.WhenAll([.. Enumerable.Range(0, Clients).Select(Client), OutageAsync()]);

        // What storage holds: the catalog row, written in the same statement as the grain state; and what the API reads.
        var stored = await StoredAsync(postgres.ConnectionString, sessions.Select(s => s.Id).ToArray());
        var read = new Dictionary<Guid, SessionDto>();
        foreach (var session in sessions)
        {
            read[session.Id] = await api.GetSessionAsync(host, session.Id);
        }

        var all = calls.ToList();
        string Counts(IEnumerable<Call> c) => string.Join(", ", c.GroupBy(x => (x.Method, (int)x.Status)).OrderBy(g => g.Key)
            .Select(g => $"{g.Key.Method} {g.Key.Item2}: {g.Count()}"));
        output.WriteLine($"before the outage: {Counts(all.Where(c => c.Started < stoppedAt))}");
        output.WriteLine($"during the outage: {Counts(all.Where(c => c.Started >= stoppedAt && c.Started < backAt))}");
        output.WriteLine($"after PostgreSQL was back: {Counts(all.Where(c => c.Started >= backAt))}");
        output.WriteLine($"all: {Counts(all)}; acknowledged renames {all.Count(c => c.Method == "PATCH" && c.Status == HttpStatusCode.OK)}; " +
                         $"slowest call {all.Max(c => c.Ended - c.Started).TotalSeconds:F2} s");
        var recovery = sessions.ToDictionary(s => s.Id, s => all.Where(c => c.Session == s.Id && c.Started >= backAt && c.Status == HttpStatusCode.OK)
            .Select(c => c.Ended - backAt).DefaultIfEmpty(TimeSpan.MaxValue).Min());
        var firstOk = all.Where(c => c.Started >= backAt && c.Status == HttpStatusCode.OK).Select(c => c.Ended - backAt).DefaultIfEmpty(TimeSpan.MaxValue).Min();
        output.WriteLine($"recovery after PostgreSQL was back: first 200 after {Seconds(firstOk)}, every session after {Seconds(recovery.Values.Max())}");
        output.WriteLine($"whole test {total.Elapsed.TotalSeconds:F1} s");

        Assert.DoesNotContain(all, c => c.Status == HttpStatusCode.InternalServerError);
        Assert.All(all, c => Assert.True(c.Status is HttpStatusCode.OK or HttpStatusCode.ServiceUnavailable or HttpStatusCode.Conflict,
            $"{c.Method} {c.Session} at {c.Started.TotalSeconds:F1} s answered {(int)c.Status} {c.Code}."));
        Assert.All(all.Where(c => c.Status == HttpStatusCode.ServiceUnavailable), c =>
        {
            Assert.Equal("unavailable", c.Code);
            Assert.True(c.RetryAfter, $"A 503 at {c.Started.TotalSeconds:F1} s has no Retry-After.");
        });
        Assert.Contains(all, c => c.Started >= stoppedAt && c.Started < backAt && c.Status == HttpStatusCode.ServiceUnavailable);
        Assert.Contains(all, c => c.Started < stoppedAt && c.Method == "PATCH" && c.Status == HttpStatusCode.OK);

        foreach (var session in sessions)
        {
            Assert.True(stored.TryGetValue(session.Id, out var row), $"Session {session.Id} is not in storage.");
            var (ackName, ackSequence) = session.Acknowledged;
            Assert.True(row.ChangeSequence >= ackSequence,
                $"Session {session.Id}: storage holds change_sequence {row.ChangeSequence}, {ackSequence} ({ackName}) was acknowledged.");
            if (row.ChangeSequence == ackSequence)
            {
                Assert.Equal(ackName, row.Name);
            }
            else
            {
                // Only this test writes the session: a later version is a write answered 503 that committed all the same.
                Assert.True(session.Attempts.TryGetValue(row.ChangeSequence, out var names) && names.Contains(row.Name),
                    $"Session {session.Id}: storage holds {row.Name} at {row.ChangeSequence}, which no request wrote.");
            }

            Assert.Equal((row.Name, row.ChangeSequence), (read[session.Id].Name, read[session.Id].ChangeSequence));
            Assert.True(session.NeverWentBack, $"Session {session.Id}: change_sequence went back: {string.Join(" ", session.Observed)}.");
            Assert.True(recovery[session.Id] <= RecoveryBound,
                $"Session {session.Id} answered 200 only {Seconds(recovery[session.Id])} after PostgreSQL was back.");
        }
    }

    private static async Task<Dictionary<Guid, (string Name, long ChangeSequence)>> StoredAsync(string connectionString, Guid[] ids)
    {
        await using var dataSource = NpgsqlDataSource.Create(connectionString);
        await using var command = dataSource.CreateCommand("SELECT id, name, change_sequence FROM catalog_sessions WHERE id = ANY(@ids)");
        command.Parameters.AddWithValue("ids", ids);
        var rows = new Dictionary<Guid, (string, long)>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            rows[reader.GetGuid(0)] = (reader.GetString(1), reader.GetInt64(2));
        }

        return rows;
    }

    private static string Seconds(TimeSpan time) => time == TimeSpan.MaxValue ? "never" : $"{time.TotalSeconds:F2} s";

    private sealed record Call(
        Guid Session, string Method, TimeSpan Started, TimeSpan Ended, HttpStatusCode Status, string? Code, bool RetryAfter,
        string? Name, long? ChangeSequence);

    /// <summary>One session as its (only) client sees it.</summary>
    private sealed class Tracked(Guid id, int client, string name, long changeSequence)
    {
        public Guid Id { get; } = id;

        public int Client { get; } = client;

        /// <summary>The change_sequence to send next; null after a failure, until a read says what it is.</summary>
        public long? Known { get; set; } = changeSequence;

        /// <summary>The last rename answered 200 (creation at first).</summary>
        public (string Name, long ChangeSequence) Acknowledged { get; set; } = (name, changeSequence);

        /// <summary>The names sent, by the change_sequence each would have made.</summary>
        public Dictionary<long, string[]> Attempts { get; } = [];

        public List<long> Observed { get; } = [changeSequence];

        public bool NeverWentBack => Observed.Zip(Observed.Skip(1)).All(p => p.First <= p.Second);

        public void Observe(long changeSequence, TimeSpan _) => Observed.Add(changeSequence);
    }

    private sealed class OutageApiFactory(string connectionString) : RoomcastApiFactory
    {
        protected override IEnumerable<KeyValuePair<string, string>> ExtraSettings =>
        [
            new("Storage", "Postgres"),
            new("ConnectionStrings:Roomcast", connectionString),

            // Orleans logs each failed activation three times over; the storage provider's own line says it once.
            new("Logging:LogLevel:Orleans", "Critical"),
        ];
    }
}
