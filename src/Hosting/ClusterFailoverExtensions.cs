using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Orleans.Configuration;

namespace Roomcast.Hosting;

/// <summary>Applies <see cref="ClusterFailoverOptions"/> to Orleans' own options; cluster mode only.</summary>
public static class ClusterFailoverExtensions
{
    /// <summary>Failure detection (membership probes, votes, table refresh) and the grain call timeout of a silo.</summary>
    public static ISiloBuilder UseRoomcastFailover(this ISiloBuilder silo, ClusterFailoverOptions failover)
    {
        silo.Services.AddSingleton(failover);
        silo.Configure<ClusterMembershipOptions>(o =>
        {
            o.ProbeTimeout = failover.ProbeTimeout;
            o.NumMissedProbesLimit = failover.NumMissedProbesLimit;
            o.NumVotesForDeathDeclaration = failover.NumVotesForDeathDeclaration;
            o.DeathVoteExpirationTimeout = failover.DeathVoteExpirationTimeout;
            o.IAmAliveTablePublishTimeout = failover.IAmAliveTablePublishTimeout;
            o.TableRefreshTimeout = failover.TableRefreshTimeout;
        });
        silo.Configure<SiloMessagingOptions>(o => o.ResponseTimeout = failover.SiloResponseTimeout);
        return silo;
    }

    /// <summary>
    /// The grain call timeout of an external client (an API node), how often it re-reads the gateway list, and the
    /// <see cref="GatewayRebalancer"/> that spreads its traffic again when a gateway comes back.
    /// </summary>
    public static IClientBuilder UseRoomcastFailover(this IClientBuilder client, ClusterFailoverOptions failover)
    {
        client.Services.AddSingleton(failover);
        client.Configure<ClientMessagingOptions>(o => o.ResponseTimeout = failover.ClientResponseTimeout);
        client.Configure<GatewayOptions>(o =>
        {
            o.GatewayListRefreshPeriod = failover.GatewayListRefreshPeriod;
            // No preferred gateway: a client that starts while one silo is down must still spread over all of them.
            o.PreferredGatewayIndex = GatewayOptions.DEFAULT_PREFERED_GATEWAY_INDEX;
        });
        if (failover.GatewayRebalancePeriod > TimeSpan.Zero)
        {
            client.Services.AddSingleton<GatewayRebalancer>();
            client.Services.AddSingleton<IHostedService>(sp => sp.GetRequiredService<GatewayRebalancer>());
        }

        return client;
    }
}
