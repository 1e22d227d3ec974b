namespace Roomcast.WebApi.Tests.Infrastructure;

/// <summary>A fact that needs PostgreSQL: skipped when ROOMCAST_TEST_POSTGRES is unset, except on CI where it fails.</summary>
public sealed class PostgresFactAttribute : FactAttribute
{
    public const string Variable = "ROOMCAST_TEST_POSTGRES";

    public PostgresFactAttribute()
    {
        if (string.IsNullOrWhiteSpace(Environment.GetEnvironmentVariable(Variable))
            && !string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase))
        {
            Skip = $"{Variable} is not set (e.g. Host=127.0.0.1;Port=5432;Username=roomcast;Password=roomcast;Database=roomcast)";
        }
    }
}
