using System.Diagnostics;
using Npgsql;
using Roomcast.Testing;

namespace Roomcast.WebApi.Tests.Infrastructure;

/// <summary>
/// A PostgreSQL 15 server of one test's own (<c>initdb</c> + <c>pg_ctl</c> on a free port, data in a temp dir), so that
/// the test can stop and start it without touching the shared server others use. As root the binaries run as the
/// <c>postgres</c> user (<c>initdb</c> refuses root) over a postgres-owned directory. Trust authentication on
/// loopback only; the directory is removed on dispose.
/// </summary>
public sealed class PrivatePostgres : IAsyncDisposable
{
    public const string BinDirectory = "/usr/lib/postgresql/15/bin";

    private readonly string _root;
    private readonly string _data;

    private PrivatePostgres(string root, int port)
    {
        _root = root;
        _data = Path.Combine(root, "data");
        Port = port;
    }

    public int Port { get; }

    public string ConnectionString => new NpgsqlConnectionStringBuilder
    {
        Host = "127.0.0.1",
        Port = Port,
        Username = "postgres",
        Database = "postgres",
    }.ConnectionString;

    /// <summary>Why a private server cannot run here (no binaries, or root without a postgres user), or null.</summary>
    public static string? Unavailable =>
        !File.Exists(Path.Combine(BinDirectory, "initdb")) || !File.Exists(Path.Combine(BinDirectory, "pg_ctl"))
            ? $"No PostgreSQL 15 server binaries (initdb, pg_ctl) in {BinDirectory}."
            : Environment.UserName == "root" && !File.Exists("/usr/sbin/runuser") && !File.Exists("/sbin/runuser")
                ? "Running as root without runuser, and initdb refuses to run as root."
                : null;

    private static bool AsRoot => Environment.UserName == "root";

    public static async Task<PrivatePostgres> StartAsync()
    {
        var root = Directory.CreateTempSubdirectory("roomcast-pg-").FullName;
        var server = new PrivatePostgres(root, LoopbackPorts.Next());
        try
        {
            if (AsRoot)
            {
                await RunAsync("chown", ["postgres:postgres", root], asPostgres: false);
            }

            await RunAsync(Path.Combine(BinDirectory, "initdb"),
                ["-D", server._data, "-U", "postgres", "--auth=trust", "-E", "UTF8", "--no-sync", "--no-instructions"]);
            await server.StartAgainAsync();
            return server;
        }
        catch
        {
            await server.DisposeAsync();
            throw;
        }
    }

    /// <summary>Starts the server (again) and returns once it accepts connections.</summary>
    public Task StartAgainAsync() => RunAsync(Path.Combine(BinDirectory, "pg_ctl"),
    [
        "-D", _data, "-l", Path.Combine(_root, "server.log"), "-w", "-t", "30",
        "-o", $"-p {Port} -k {_root} -c listen_addresses=127.0.0.1 -c max_connections=200", "start",
    ]);

    /// <summary>Stops the server as a crash would (<c>-m immediate</c>): every connection is cut, no checkpoint.</summary>
    public Task StopImmediatelyAsync() =>
        RunAsync(Path.Combine(BinDirectory, "pg_ctl"), ["-D", _data, "-m", "immediate", "-w", "-t", "30", "stop"]);

    public async ValueTask DisposeAsync()
    {
        NpgsqlConnection.ClearAllPools();
        if (File.Exists(Path.Combine(_data, "postmaster.pid")))
        {
            try
            {
                await StopImmediatelyAsync();
            }
            catch (InvalidOperationException)
            {
                // Already stopped.
            }
        }

        try
        {
            Directory.Delete(_root, recursive: true);
        }
        catch (IOException)
        {
            // Left in the temp dir; nothing else uses it.
        }
    }

    private static async Task RunAsync(string file, IReadOnlyList<string> arguments, bool asPostgres = true)
    {
        var start = new ProcessStartInfo(asPostgres && AsRoot ? "runuser" : file)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        if (asPostgres && AsRoot)
        {
            foreach (var argument in (string[])["-u", "postgres", "--", file])
            {
                start.ArgumentList.Add(argument);
            }
        }

        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException($"{file} did not start.");
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await process.WaitForExitAsync(timeout.Token);
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException(
                $"{Path.GetFileName(file)} {string.Join(' ', arguments)} failed (exit {process.ExitCode}): {await output} {await error}");
        }
    }
}

/// <summary>
/// A fact that starts a PostgreSQL server of its own (<see cref="PrivatePostgres"/>): skipped with the reason when the
/// server binaries are missing locally, run (and so failing) on CI as the other PostgreSQL tests are.
/// </summary>
public sealed class PrivatePostgresFactAttribute : FactAttribute
{
    public PrivatePostgresFactAttribute()
    {
        if (PrivatePostgres.Unavailable is { } reason
            && !string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase))
        {
            Skip = reason + " This test starts and stops a PostgreSQL server of its own; install postgresql-15 to run it.";
        }
    }
}
