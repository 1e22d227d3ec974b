namespace Roomcast.Bench.Driver;

/// <summary>
/// Where a grain-side measure keeps its grains' state: <c>dev</c> (in-memory storage and reminders, as
/// <c>Storage=Dev</c>) or <c>postgres</c> (cluster mode on one silo: Roomcast's PostgreSQL grain storage and catalog,
/// ADO.NET reminders and clustering), whose connection string comes from <c>BENCH_POSTGRES</c>.
/// </summary>
internal sealed record BenchMode(string Name, string? ConnectionString)
{
    public const string ConnectionStringVariable = "BENCH_POSTGRES";

    public static readonly BenchMode Dev = new("dev", null);

    public bool IsPostgres => ConnectionString is not null;

    public static BenchMode Parse(string name) => name switch
    {
        "dev" => Dev,
        "postgres" => new("postgres", Environment.GetEnvironmentVariable(ConnectionStringVariable) is { Length: > 0 } connection
            ? connection
            : throw new ArgumentException($"--mode postgres needs the connection string of an empty database in {ConnectionStringVariable}")),
        _ => throw new ArgumentException($"unknown mode '{name}'; expected dev or postgres"),
    };

    /// <summary>The silo configuration of this mode, before the measure's own settings.</summary>
    /// <remarks>Cluster mode asks for a LiveKit key pair (dev mode generates one); no LiveKit server is reached.</remarks>
    public Dictionary<string, string?> SiloSettings() => IsPostgres
        ? new()
        {
            ["Storage"] = "Postgres",
            ["ConnectionStrings:Roomcast"] = ConnectionString,
            ["LiveKit:ApiKey"] = "bench",
            ["LiveKit:ApiSecret"] = "bench-livekit-secret-0123456789abcdef",
        }
        : new() { ["Storage"] = "Dev" };
}
