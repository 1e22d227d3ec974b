using System.Diagnostics;
using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using OpenTelemetry;
using OpenTelemetry.Exporter;
using OpenTelemetry.Trace;
using Roomcast.Hosting.Telemetry;
using Roomcast.WebApi.Tests.Infrastructure;

namespace Roomcast.WebApi.Tests;

/// <summary>
/// One trace spans a durable write: the HTTP request, the grain call and the PostgreSQL statement that stores the
/// state, each the descendant of the one before. The API with its embedded silo on Storage=Postgres, exported to memory.
/// Needs ROOMCAST_TEST_POSTGRES.
/// </summary>
public sealed class TelemetryTests
{
    [PostgresFact]
    public async Task DurablePatchIsOneTraceFromTheRequestThroughTheGrainCallToThePostgresStatement()
    {
        var server = Environment.GetEnvironmentVariable(PostgresFactAttribute.Variable)
            ?? throw new InvalidOperationException($"CI=true but {PostgresFactAttribute.Variable} is not set: this test must run on CI.");
        var database = $"roomcast_tracing_{Guid.NewGuid():N}";
        await ExecuteAsync(server, $"CREATE DATABASE {database}");
        try
        {
            var spans = new List<Activity>();
            var connectionString = new NpgsqlConnectionStringBuilder(server) { Database = database }.ConnectionString;
            await using var api = new TracedApiFactory(connectionString, spans);
            var host = await api.CreateHostAsync();
            var room = await api.CreateRoomAsync(host);
            var session = await api.CreateSessionAsync(host, room.Id);

            var patch = await host.Client.PatchAsync($"/v1/sessions/{session.Id}", ApiJson.Body(new { Name = "Traced", ChangeSequence = session.ChangeSequence }));
            Assert.Equal(HttpStatusCode.OK, patch.StatusCode);

            // The server span ends after the response is written; wait for it to be exported. Activity listeners are
            // process-wide: the spans of other tests' hosts arrive here too, so the request is found by its path.
            var request = await WaitForAsync(spans, s => s.Kind == ActivityKind.Server && s.Source.Name == "Microsoft.AspNetCore"
                && Equals(s.GetTagItem("http.request.method"), "PATCH") && Equals(s.GetTagItem("url.path"), $"/v1/sessions/{session.Id}"));
            // Spans end (and are exported) on several threads: the grain call's server span may end after the
            // response went back, so the trace is read again until it is complete or the wait is over.
            var clock = Stopwatch.StartNew();
            while (true)
            {
                var trace = Snapshot(spans).Where(s => s.TraceId == request.TraceId).ToList();
                // The request reads the session (authorization) and then updates it: two calls, one of them writes.
                var grainCalls = trace.Where(s => s.Source.Name == "Microsoft.Orleans.Application" && s.Kind == ActivityKind.Server
                    && s.DisplayName.Contains("ISessionGrain", StringComparison.Ordinal) && DescendsFrom(s, request, trace)).ToList();
                var statements = trace.Where(s => s.Source.Name == "Npgsql"
                    && Equals(s.GetTagItem("db.system.name") ?? s.GetTagItem("db.system"), "postgresql")).ToList();
                if (grainCalls.Any(call => statements.Any(statement => DescendsFrom(statement, call, trace))))
                {
                    break;
                }

                Assert.True(clock.Elapsed < TimeSpan.FromSeconds(10),
                    "No PostgreSQL statement under a grain call under the PATCH request; the trace: " +
                    string.Join(", ", trace.Select(s => $"{s.Source.Name}:{s.DisplayName}")));
                await Task.Delay(20);
            }
        }
        finally
        {
            NpgsqlConnection.ClearAllPools();
            await ExecuteAsync(server, $"DROP DATABASE IF EXISTS {database} WITH (FORCE)");
        }
    }

    [Fact]
    public void TheOrleansActivitySourcesAreTheOnesOrleansCallsGrainsWith()
    {
        Assert.Equal(["Microsoft.Orleans.Application", "Microsoft.Orleans.Runtime"], RoomcastTelemetry.OrleansActivitySources);
    }

    /// <summary>Walks <paramref name="span"/>'s parents within the trace and answers whether <paramref name="ancestor"/> is one.</summary>
    private static bool DescendsFrom(Activity span, Activity ancestor, IReadOnlyList<Activity> trace)
    {
        var bySpanId = trace.GroupBy(s => s.SpanId).ToDictionary(g => g.Key, g => g.First());
        var parentId = span.ParentSpanId;
        for (var hops = 0; hops < 32 && parentId != default; hops++)
        {
            if (parentId == ancestor.SpanId)
            {
                return true;
            }

            if (!bySpanId.TryGetValue(parentId, out var parent))
            {
                return false;
            }

            parentId = parent.ParentSpanId;
        }

        return false;
    }

    private static List<Activity> Snapshot(List<Activity> spans)
    {
        lock (spans)
        {
            return [.. spans];
        }
    }

    private static async Task<Activity> WaitForAsync(List<Activity> spans, Func<Activity, bool> match)
    {
        var clock = Stopwatch.StartNew();
        while (true)
        {
            if (Snapshot(spans).FirstOrDefault(match) is { } span)
            {
                return span;
            }

            Assert.True(clock.Elapsed < TimeSpan.FromSeconds(10), "The PATCH request's server span was not exported within 10 s.");
            await Task.Delay(20);
        }
    }

    private static async Task ExecuteAsync(string connectionString, string sql)
    {
        // Identifiers cannot be parameters; the database name is generated here, never taken from input.
        await using var dataSource = NpgsqlDataSource.Create(connectionString);
        await using var command = dataSource.CreateCommand(sql);
        await command.ExecuteNonQueryAsync();
    }

    private sealed class TracedApiFactory(string connectionString, List<Activity> spans) : RoomcastApiFactory
    {
        protected override IEnumerable<KeyValuePair<string, string>> ExtraSettings =>
        [
            new("Storage", "Postgres"),
            new("Api:Silo", "Embedded"),
            new("ConnectionStrings:Roomcast", connectionString),
        ];

        // Roomcast configures the instrumentation; an exporter is all a test (or an OTLP endpoint) adds.
        protected override void ConfigureTestServices(IServiceCollection services) =>
            services.AddOpenTelemetry().WithTracing(tracing => tracing.AddProcessor(new SimpleActivityExportProcessor(new LockedExporter(spans))));
    }

    /// <summary>The in-memory exporter, with a lock: spans end on several threads at once.</summary>
    private sealed class LockedExporter(List<Activity> spans) : BaseExporter<Activity>
    {
        private readonly InMemoryExporter<Activity> _inner = new(spans);

        public override ExportResult Export(in Batch<Activity> batch)
        {
            lock (spans)
            {
                return _inner.Export(batch);
            }
        }
    }
}
