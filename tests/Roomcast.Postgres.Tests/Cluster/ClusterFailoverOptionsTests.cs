using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Orleans.Configuration;
using Roomcast.Hosting;

namespace Roomcast.Postgres.Tests.Cluster;

/// <summary>
/// The <c>Cluster:*</c> settings reach Orleans' own options on silos and API-node clients in cluster mode, a
/// configured value wins over the default, dev mode keeps Orleans' defaults, and a bad value stops start-up.
/// The hosts are built, never started: nothing here needs PostgreSQL.
/// </summary>
public sealed class ClusterFailoverOptionsTests
{
    private const string AnyConnectionString = "Host=127.0.0.1;Database=unused";

    [Fact]
    public void Cluster_mode_silos_get_the_failover_defaults()
    {
        using var host = Silo(new() { ["Storage"] = "Postgres", ["ConnectionStrings:Roomcast"] = AnyConnectionString });
        var membership = host.Services.GetRequiredService<IOptions<ClusterMembershipOptions>>().Value;
        var defaults = new ClusterFailoverOptions();

        Assert.Equal(defaults.ProbeTimeout, membership.ProbeTimeout);
        Assert.Equal(defaults.NumMissedProbesLimit, membership.NumMissedProbesLimit);
        Assert.Equal(defaults.NumVotesForDeathDeclaration, membership.NumVotesForDeathDeclaration);
        Assert.Equal(defaults.DeathVoteExpirationTimeout, membership.DeathVoteExpirationTimeout);
        Assert.Equal(defaults.IAmAliveTablePublishTimeout, membership.IAmAliveTablePublishTimeout);
        Assert.Equal(defaults.TableRefreshTimeout, membership.TableRefreshTimeout);
        Assert.Equal(TimeSpan.FromSeconds(4), host.Services.GetRequiredService<IOptions<SiloMessagingOptions>>().Value.ResponseTimeout);
    }

    [Fact]
    public void Cluster_mode_clients_get_short_timeouts_a_fast_gateway_refresh_and_the_rebalancer()
    {
        using var host = Client(new()
        {
            ["Storage"] = "Postgres",
            ["ConnectionStrings:Roomcast"] = AnyConnectionString,
            ["Cluster:ClientResponseTimeout"] = "00:00:03",
        });

        Assert.Equal(TimeSpan.FromSeconds(3), host.Services.GetRequiredService<IOptions<ClientMessagingOptions>>().Value.ResponseTimeout);
        var gateways = host.Services.GetRequiredService<IOptions<GatewayOptions>>().Value;
        Assert.Equal(TimeSpan.FromSeconds(5), gateways.GatewayListRefreshPeriod);
        Assert.Equal(GatewayOptions.DEFAULT_PREFERED_GATEWAY_INDEX, gateways.PreferredGatewayIndex);
        Assert.Contains(host.Services.GetServices<IHostedService>(), s => s is GatewayRebalancer);
    }

    [Fact]
    public void Dev_mode_keeps_Orleans_defaults()
    {
        using var host = Silo(new() { ["Storage"] = "Dev" });
        Assert.Equal(new ClusterMembershipOptions().ProbeTimeout, host.Services.GetRequiredService<IOptions<ClusterMembershipOptions>>().Value.ProbeTimeout);
        Assert.Equal(TimeSpan.FromSeconds(30), host.Services.GetRequiredService<IOptions<SiloMessagingOptions>>().Value.ResponseTimeout);
    }

    [Theory]
    [InlineData("Cluster:ProbeTimeout", "00:00:00", "Cluster:ProbeTimeout")]
    [InlineData("Cluster:ClientResponseTimeout", "-00:00:01", "Cluster:ClientResponseTimeout")]
    [InlineData("Cluster:NumMissedProbesLimit", "0", "Cluster:NumMissedProbesLimit")]
    [InlineData("Cluster:GatewayRebalancePeriod", "-00:00:01", "Cluster:GatewayRebalancePeriod")]
    public void A_bad_value_stops_start_up_naming_its_key(string key, string value, string named)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { [key] = value }).Build();
        var error = Assert.Throws<InvalidOperationException>(() => ClusterFailoverOptions.From(configuration));
        Assert.Contains(named, error.Message);
    }

    private static IHost Silo(Dictionary<string, string?> settings)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Configuration.AddInMemoryCollection(settings);
        builder.UseOrleans(silo => silo.AddRoomcast(builder.Configuration));
        return builder.Build();
    }

    private static IHost Client(Dictionary<string, string?> settings)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Configuration.AddInMemoryCollection(settings);
        builder.UseOrleansClient(client => client.AddRoomcast(builder.Configuration));
        return builder.Build();
    }
}
