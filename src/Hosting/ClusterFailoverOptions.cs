using Microsoft.Extensions.Configuration;

namespace Roomcast.Hosting;

/// <summary>
/// How fast a cluster notices a lost silo and moves its traffic (configuration section <c>Cluster</c>). Applied to
/// silos and external clients in cluster mode (Storage=Postgres); dev mode keeps Orleans' defaults, as it has one silo.
/// </summary>
/// <remarks>
/// The budget, after a silo dies abruptly (kill -9, host loss): a call in flight to it fails after
/// <see cref="ClientResponseTimeout"/>; the survivors miss <see cref="NumMissedProbesLimit"/> probes of
/// <see cref="ProbeTimeout"/> each, vote it dead (with two silos the one survivor's vote is enough, Orleans needs
/// at most half of the active silos), and its grains re-activate on a survivor at the next call. Measured with these
/// defaults on two silos under load: README, Failover. Orleans' defaults (30 s response timeout, 3 missed 5 s probes,
/// a 1 min gateway list refresh, no gateway rebalancing) stall calls for 30 s and leave a restarted silo without clients.
/// </remarks>
public sealed record ClusterFailoverOptions
{
    public const string SectionName = "Cluster";

    /// <summary>
    /// How long a silo waits for a probe answer, and the probe period (Orleans adapts it between half and four
    /// times this value). 2 s (Orleans: 5 s): a healthy silo answers a probe in milliseconds, even under load.
    /// </summary>
    public TimeSpan ProbeTimeout { get; init; } = TimeSpan.FromSeconds(2);

    /// <summary>
    /// Missed probes before a silo votes another one dead. 2 (Orleans: 3): with <see cref="ProbeTimeout"/> a dead
    /// silo is suspected after about 4 s; a silo that cannot answer for that long is evicted and restarts, which
    /// costs less than every call to its grains hanging.
    /// </summary>
    public int NumMissedProbesLimit { get; init; } = 2;

    /// <summary>
    /// Votes that declare a silo dead. 2 (Orleans' default): one silo with a network problem of its own cannot evict
    /// a healthy one in a cluster of three or more; Orleans lowers it to one vote when only two silos are active.
    /// </summary>
    public int NumVotesForDeathDeclaration { get; init; } = 2;

    /// <summary>
    /// How long a vote counts. 20 s (Orleans: 2 min): long enough for the second voter's probes to fail too
    /// (about 4 s), short enough that two unrelated hiccups minutes apart do not add up to an eviction.
    /// </summary>
    public TimeSpan DeathVoteExpirationTimeout { get; init; } = TimeSpan.FromSeconds(20);

    /// <summary>
    /// How often a silo writes its I-am-alive time. 10 s (Orleans: 30 s): a silo silent for three periods (30 s)
    /// no longer counts as a voter and is watched by every silo; one UPDATE per silo per period.
    /// </summary>
    public TimeSpan IAmAliveTablePublishTimeout { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>
    /// How often a silo re-reads the membership table. 5 s (Orleans: 1 min): changes spread by gossip at once; this
    /// is the backstop for a silo that missed the gossip of a death declaration. One small SELECT per silo per period.
    /// </summary>
    public TimeSpan TableRefreshTimeout { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>
    /// How long a grain call between silos may take. 4 s (Orleans: 30 s): the slowest legitimate call is a
    /// group-committed state write (milliseconds, a few hundred under load); one below
    /// <see cref="ClientResponseTimeout"/>, so an API call sees a nested call's failure, not its own timeout.
    /// </summary>
    public TimeSpan SiloResponseTimeout { get; init; } = TimeSpan.FromSeconds(4);

    /// <summary>
    /// How long an API node's grain call may take (Orleans: 30 s). 5 s: the bound on a request whose grain was on
    /// a silo that died while the call was in flight; such a call fails (503), the next one lands on a survivor.
    /// </summary>
    public TimeSpan ClientResponseTimeout { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>
    /// How often an API node re-reads the gateway list (Orleans: 1 min). 5 s: a restarted silo's gateway is seen
    /// within seconds, and a gateway the client found dead is retried after the same period (Orleans keeps it out
    /// for one period). One small SELECT per API node per period.
    /// </summary>
    public TimeSpan GatewayListRefreshPeriod { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>
    /// How often an API node checks that its grain traffic is spread over all live gateways, and spreads it again
    /// if one carries less than half its share (see <see cref="GatewayRebalancer"/>); zero turns it off. 5 s.
    /// </summary>
    public TimeSpan GatewayRebalancePeriod { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>Reads the <c>Cluster</c> section and checks it; a bad value stops start-up with a message that names the key.</summary>
    public static ClusterFailoverOptions From(IConfiguration configuration)
    {
        var options = configuration.GetSection(SectionName).Get<ClusterFailoverOptions>() ?? new ClusterFailoverOptions();
        Positive(options.ProbeTimeout, nameof(ProbeTimeout));
        Positive(options.DeathVoteExpirationTimeout, nameof(DeathVoteExpirationTimeout));
        Positive(options.IAmAliveTablePublishTimeout, nameof(IAmAliveTablePublishTimeout));
        Positive(options.TableRefreshTimeout, nameof(TableRefreshTimeout));
        Positive(options.SiloResponseTimeout, nameof(SiloResponseTimeout));
        Positive(options.ClientResponseTimeout, nameof(ClientResponseTimeout));
        Positive(options.GatewayListRefreshPeriod, nameof(GatewayListRefreshPeriod));
        if (options.GatewayRebalancePeriod < TimeSpan.Zero)
        {
            throw Invalid(nameof(GatewayRebalancePeriod), options.GatewayRebalancePeriod, "zero (off) or a positive time span");
        }

        if (options.NumMissedProbesLimit < 1)
        {
            throw Invalid(nameof(NumMissedProbesLimit), options.NumMissedProbesLimit, "at least 1");
        }

        if (options.NumVotesForDeathDeclaration < 1)
        {
            throw Invalid(nameof(NumVotesForDeathDeclaration), options.NumVotesForDeathDeclaration, "at least 1");
        }

        return options;
    }

    private static void Positive(TimeSpan value, string key)
    {
        if (value <= TimeSpan.Zero)
        {
            throw Invalid(key, value, "a positive time span such as 00:00:05");
        }
    }

    private static InvalidOperationException Invalid(string key, object value, string expected) =>
        new($"Configuration '{SectionName}:{key}' is '{value}'; expected {expected}.");
}
