namespace Roomcast.Postgres.Tests.Infrastructure;

/// <summary>A fact that needs PostgreSQL: skipped when ROOMCAST_TEST_POSTGRES is unset, except on CI where it fails.</summary>
public sealed class PostgresFactAttribute : FactAttribute
{
    public PostgresFactAttribute()
    {
        if (PostgresTestEnvironment.SkipReason is { } reason)
        {
            Skip = reason;
        }
    }
}
