using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Roomcast.Hosting.Health;

/// <summary>This process's silo has joined the cluster and is active (not joining, shutting down or declared dead).</summary>
internal sealed class SiloActiveHealthCheck(IClusterMembershipService membership, ILocalSiloDetails localSilo) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var status = membership.CurrentSnapshot.GetSiloStatus(localSilo.SiloAddress);
        return Task.FromResult(status == SiloStatus.Active
            ? HealthCheckResult.Healthy()
            : HealthCheckResult.Unhealthy($"The silo {localSilo.SiloAddress} is {status}, not active in the cluster."));
    }
}
