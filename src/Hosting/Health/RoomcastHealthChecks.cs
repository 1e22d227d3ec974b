using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Roomcast.Hosting;

namespace Roomcast.Hosting.Health;

/// <summary>
/// The health endpoints of every Roomcast process. <c>/health/live</c>: the process serves HTTP (restart it when
/// not). <c>/health/ready</c>: it can do its job: PostgreSQL answers (Storage=Postgres) and this silo is active in
/// the cluster, or, for an API node without a silo, the cluster answers through a gateway (send it no traffic when
/// not). <c>/health</c> is kept for compatibility and means ready. Unhealthy answers 503.
/// </summary>
public static class RoomcastHealthChecks
{
    public const string LivePath = "/health/live";
    public const string ReadyPath = "/health/ready";
    public const string CompatibilityPath = "/health";

    /// <summary>The tag of the checks <c>/health/ready</c> runs; <c>/health/live</c> runs none.</summary>
    public const string ReadyTag = "ready";

    /// <summary>How long one dependency may take to answer a probe before it counts as down.</summary>
    public static readonly TimeSpan CheckTimeout = TimeSpan.FromSeconds(5);

    /// <summary>Adds the readiness checks that fit this process: PostgreSQL in Postgres mode, then the silo or the client.</summary>
    public static IHealthChecksBuilder AddRoomcastReadiness(this IHealthChecksBuilder checks, RoomcastHostingOptions hosting, bool hostsSilo)
    {
        if (hosting.Storage == StorageMode.Postgres)
        {
            checks.AddPostgresReadiness();
        }

        return hostsSilo
            ? checks.AddCheck<SiloActiveHealthCheck>("orleans-silo", HealthStatus.Unhealthy, [ReadyTag], CheckTimeout)
            : checks.AddCheck<ClusterClientHealthCheck>("orleans-gateway", HealthStatus.Unhealthy, [ReadyTag], CheckTimeout);
    }

    /// <summary>
    /// PostgreSQL answers <c>SELECT 1</c> on the catalog's connection pool (the keyed <c>NpgsqlDataSource</c>
    /// <see cref="Persistence.Postgres.Catalog.PostgresCatalogServiceCollectionExtensions.DataSourceKey"/>).
    /// </summary>
    public static IHealthChecksBuilder AddPostgresReadiness(this IHealthChecksBuilder checks) =>
        checks.AddCheck<PostgresHealthCheck>("postgresql", HealthStatus.Unhealthy, [ReadyTag], CheckTimeout);

    /// <summary>Maps <c>/health/live</c>, <c>/health/ready</c> and <c>/health</c>; the caller decides who may call them.</summary>
    public static IEndpointConventionBuilder MapRoomcastHealthChecks(this IEndpointRouteBuilder endpoints)
    {
        var ready = new HealthCheckOptions { Predicate = check => check.Tags.Contains(ReadyTag) };
        var group = endpoints.MapGroup("");
        group.MapHealthChecks(LivePath, new HealthCheckOptions { Predicate = _ => false });
        group.MapHealthChecks(ReadyPath, ready);
        group.MapHealthChecks(CompatibilityPath, ready);
        return group;
    }
}
