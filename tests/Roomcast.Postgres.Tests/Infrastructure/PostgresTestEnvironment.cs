namespace Roomcast.Postgres.Tests.Infrastructure;

/// <summary>Where the tests find PostgreSQL: the one variable ROOMCAST_TEST_POSTGRES.</summary>
public static class PostgresTestEnvironment
{
    public const string Variable = "ROOMCAST_TEST_POSTGRES";

    public static string? ConnectionString => Environment.GetEnvironmentVariable(Variable) is { Length: > 0 } value ? value : null;

    private static bool IsCi => string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase);

    /// <summary>Why PostgreSQL tests are skipped, or null when they run (or must fail, on CI).</summary>
    public static string? SkipReason => ConnectionString is null && !IsCi
        ? $"{Variable} is not set (e.g. run scripts/postgres.sh and export its output); PostgreSQL tests skipped."
        : null;

    public static string RequireConnectionString() => ConnectionString ?? throw new InvalidOperationException(
        $"{Variable} is not set but CI=true: PostgreSQL tests must run on CI. Set it to a connection string of a role " +
        "with CREATEDB, e.g. Host=127.0.0.1;Port=5432;Username=roomcast;Password=roomcast;Database=roomcast.");
}
