using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Roomcast.Hosting.Health;

/// <summary>
/// An API node without a silo reaches the cluster: a call through a gateway returns at least one active silo. It is
/// one small system call per probe; a connection that merely exists says nothing about a gateway that stopped answering.
/// </summary>
internal sealed class ClusterClientHealthCheck(IClusterClient client) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            var hosts = await client.GetGrain<IManagementGrain>(0).GetHosts(onlyActive: true).WaitAsync(cancellationToken);
            return hosts.Count > 0
                ? HealthCheckResult.Healthy()
                : HealthCheckResult.Unhealthy("The cluster reports no active silo.");
        }
        catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            return HealthCheckResult.Unhealthy($"The cluster is unreachable through its gateways: {e.GetType().Name}: {e.Message}");
        }
    }
}
