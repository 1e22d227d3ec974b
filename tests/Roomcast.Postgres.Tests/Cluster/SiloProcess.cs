using System.Diagnostics;
using System.Net;
using Roomcast.Postgres.Tests.Infrastructure;

namespace Roomcast.Postgres.Tests.Cluster;

/// <summary>
/// A standalone silo (<c>src/Silo</c>, as deployed) in a child process, reached over TCP, so that a test can kill it
/// as <c>kill -9</c> does. The test cluster's <c>KillSiloAsync</c> cannot stand in: it stops the silo in-process
/// with a cancelled token, and the silo still writes itself Stopping and Dead to the membership table and gossips
/// it, so the survivors know at once and no caller ever waits.
/// </summary>
internal sealed class SiloProcess : IAsyncDisposable
{
    private const int Active = 3;
    private const int Dead = 6;

    private readonly Process _process;
    private readonly Queue<string> _output = new();

    private SiloProcess(Process process, int siloPort, int gatewayPort)
    {
        _process = process;
        SiloPort = siloPort;
        GatewayPort = gatewayPort;
    }

    public int SiloPort { get; }

    public int GatewayPort { get; }

    /// <summary>The last lines the silo wrote (warnings and errors only), for a failure message.</summary>
    public string RecentOutput
    {
        get
        {
            lock (_output)
            {
                return string.Join(Environment.NewLine, _output);
            }
        }
    }

    /// <summary>
    /// Starts a silo with <paramref name="settings"/> (configuration keys, passed as environment variables) on the
    /// given ports and returns once its new row in the membership table is Active.
    /// </summary>
    public static async Task<SiloProcess> StartAsync(
        TestDatabase database, IReadOnlyDictionary<string, string?> settings, string clusterId, int siloPort, int gatewayPort)
    {
        var known = await GenerationsAsync(database, clusterId, siloPort);
        var start = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet")
        {
            WorkingDirectory = AppContext.BaseDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "Roomcast.Silo.dll"));
        foreach (var (key, value) in settings)
        {
            start.Environment[key.Replace(":", "__")] = value;
        }

        start.Environment["Orleans__ClusterId"] = clusterId;
        start.Environment["Orleans__SiloPort"] = siloPort.ToString();
        start.Environment["Orleans__GatewayPort"] = gatewayPort.ToString();
        start.Environment["Orleans__AdvertisedAddress"] = IPAddress.Loopback.ToString();
        start.Environment["Urls"] = "http://127.0.0.1:0";
        start.Environment["Logging__LogLevel__Default"] = "Warning";
        start.Environment["Logging__Console__FormatterName"] = "simple";

        var silo = new SiloProcess(Process.Start(start) ?? throw new InvalidOperationException("The silo process did not start."), siloPort, gatewayPort);
        silo._process.OutputDataReceived += (_, e) => silo.Keep(e.Data);
        silo._process.ErrorDataReceived += (_, e) => silo.Keep(e.Data);
        silo._process.BeginOutputReadLine();
        silo._process.BeginErrorReadLine();

        var deadline = Stopwatch.StartNew();
        while (true)
        {
            var generations = await GenerationsAsync(database, clusterId, siloPort);
            if (generations.Any(g => g.Status == Active && !known.Contains(g)))
            {
                return silo;
            }

            if (silo._process.HasExited || deadline.Elapsed > TimeSpan.FromSeconds(30))
            {
                await silo.DisposeAsync();
                throw new InvalidOperationException($"The silo on port {siloPort} did not become active:{Environment.NewLine}{silo.RecentOutput}");
            }

            await Task.Delay(100);
        }
    }

    /// <summary>Kills the process (SIGKILL): it writes nothing more anywhere, and the kernel resets its connections.</summary>
    public void Kill()
    {
        _process.Kill(entireProcessTree: true);
        _process.WaitForExit();
    }

    /// <summary>Whether the membership table says the silo of this process (its newest generation) is dead.</summary>
    public async Task<bool> IsDeclaredDeadAsync(TestDatabase database, string clusterId)
    {
        var generations = await GenerationsAsync(database, clusterId, SiloPort);
        return generations.Count > 0 && generations.MaxBy(g => g.Generation).Status == Dead;
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            Kill();
        }

        _process.Dispose();
        await Task.CompletedTask;
    }

    private void Keep(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_output)
        {
            _output.Enqueue(line);
            while (_output.Count > 40)
            {
                _output.Dequeue();
            }
        }
    }

    private static async Task<HashSet<(int Generation, int Status)>> GenerationsAsync(TestDatabase database, string clusterId, int siloPort)
    {
        var rows = new HashSet<(int, int)>();
        await using var command = database.DataSource.CreateCommand(
            "SELECT Generation, Status FROM OrleansMembershipTable WHERE DeploymentId = @cluster AND Port = @port");
        command.Parameters.AddWithValue("cluster", clusterId);
        command.Parameters.AddWithValue("port", siloPort);
        try
        {
            await using var reader = await command.ExecuteReaderAsync();
            while (await reader.ReadAsync())
            {
                rows.Add((reader.GetInt32(0), reader.GetInt32(1)));
            }
        }
        catch (Npgsql.PostgresException e) when (e.SqlState == Npgsql.PostgresErrorCodes.UndefinedTable)
        {
            // The first silo has not applied the migrations yet.
        }

        return rows;
    }
}
