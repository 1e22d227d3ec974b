using System.Diagnostics;

namespace Roomcast.Postgres.Tests.Infrastructure;

/// <summary>
/// Where the tests find PostgreSQL: the variable ROOMCAST_TEST_POSTGRES, or else the project's own
/// scripts/postgres.sh, which starts (or installs) a local PostgreSQL and prints its connection string.
/// So a plain `dotnet test Orleans.sln` needs nothing started by hand. When neither works the tests are
/// skipped locally and fail on CI.
/// </summary>
public static class PostgresTestEnvironment
{
    public const string Variable = "ROOMCAST_TEST_POSTGRES";

    private static readonly Lazy<(string? ConnectionString, string? Problem)> Resolved = new(Resolve);

    public static string? ConnectionString => Resolved.Value.ConnectionString;

    private static bool IsCi => string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase);

    /// <summary>Why PostgreSQL tests are skipped, or null when they run (or must fail, on CI).</summary>
    public static string? SkipReason => ConnectionString is null && !IsCi
        ? $"No PostgreSQL: {Resolved.Value.Problem} PostgreSQL tests skipped."
        : null;

    public static string RequireConnectionString() => ConnectionString ?? throw new InvalidOperationException(
        $"No PostgreSQL but CI=true: PostgreSQL tests must run on CI. {Resolved.Value.Problem}");

    private static (string?, string?) Resolve()
    {
        if (Environment.GetEnvironmentVariable(Variable) is { Length: > 0 } value)
        {
            return (value, null);
        }

        var script = FindScript();
        if (script is null)
        {
            return (null, $"{Variable} is not set and scripts/postgres.sh was not found.");
        }

        using var process = Process.Start(new ProcessStartInfo("bash", [script])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        })!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(TimeSpan.FromMinutes(5)))
        {
            process.Kill(entireProcessTree: true);
            return (null, "scripts/postgres.sh did not finish within 5 minutes.");
        }

        var connectionString = output.Result.Trim().Split('\n').LastOrDefault()?.Trim();
        return process.ExitCode == 0 && !string.IsNullOrEmpty(connectionString)
            ? (connectionString, null)
            : (null, $"{Variable} is not set and scripts/postgres.sh failed (exit {process.ExitCode}): {error.Result.Trim()}");
    }

    private static string? FindScript()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "scripts", "postgres.sh");
            if (File.Exists(candidate) && File.Exists(Path.Combine(dir.FullName, "Orleans.sln")))
            {
                return candidate;
            }
        }

        return null;
    }
}
