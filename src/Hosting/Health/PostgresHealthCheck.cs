using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Npgsql;
using Roomcast.Persistence.Postgres.Catalog;

namespace Roomcast.Hosting.Health;

/// <summary>PostgreSQL answers a query on the catalog's connection pool (the one every node of the cluster has).</summary>
internal sealed class PostgresHealthCheck([FromKeyedServices(PostgresCatalogServiceCollectionExtensions.DataSourceKey)] NpgsqlDataSource dataSource)
    : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            await using var command = dataSource.CreateCommand("SELECT 1");
            await command.ExecuteScalarAsync(cancellationToken);
            return HealthCheckResult.Healthy();
        }
        catch (Exception e) when (e is NpgsqlException or TimeoutException or OperationCanceledException)
        {
            // The probe's report carries the reason; the exception itself (and its stack) stays out of the log.
            return HealthCheckResult.Unhealthy($"PostgreSQL is unreachable: {e.Message}");
        }
    }
}
