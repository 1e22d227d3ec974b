using System.Reflection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Orleans.Configuration;
using Orleans.Runtime;

namespace Roomcast.Hosting;

/// <summary>
/// Spreads an API node's grain traffic over every live gateway again after a silo comes back.
/// </summary>
/// <remarks>
/// An Orleans client sends the calls to a grain through one gateway: grains are hashed into buckets, and a
/// bucket keeps the connection it was first given for as long as that gateway lives. When a silo dies, its
/// buckets move to the survivors; when it comes back, nothing moves them back. Orleans 10.4 has no setting
/// for this (its client only picks a gateway for a bucket that has none), so this service reads the client's
/// buckets and, when a live gateway carries less than half its share, clears every bucket: the next call of
/// each bucket picks a gateway round-robin over the live ones, as at start-up. Clearing reuses the open
/// connections and loses no call (one in flight answers on the connection it went out on). The buckets are
/// Orleans internals, read by reflection; if an Orleans upgrade renames them, this logs a warning once and
/// stops, and the failover test of the PostgreSQL suite fails.
/// </remarks>
public sealed partial class GatewayRebalancer(
    IServiceProvider services, ClusterFailoverOptions options, ILogger<GatewayRebalancer> logger) : BackgroundService
{
    /// <summary>
    /// Below this many bound buckets per live gateway the client is too idle for a share to mean anything. Above it,
    /// the round-robin assignment after a clear is within one bucket of even, so a clear is never repeated for nothing.
    /// </summary>
    private const int MinimumBoundBucketsPerGateway = 8;

    private static readonly Assembly OrleansCore = typeof(GatewayOptions).Assembly;
    private Internals? _internals;
    private bool _unavailable;
    private int _rebalances;

    /// <summary>How many times this client's buckets were cleared to spread its traffic again.</summary>
    public int Rebalances => Volatile.Read(ref _rebalances);

    /// <summary>How many buckets (grains hashed together) each gateway carries now; empty if unknown.</summary>
    public IReadOnlyDictionary<SiloAddress, int> BucketsPerGateway()
    {
        var internals = Resolve();
        if (internals is null)
        {
            return new Dictionary<SiloAddress, int>();
        }

        var counts = new Dictionary<SiloAddress, int>();
        foreach (var bucket in internals.Buckets())
        {
            if (bucket is null)
            {
                continue;
            }

            var arguments = new object?[1];
            if ((bool)internals.TryGetTarget.Invoke(bucket, arguments)! && arguments[0] is { } connection
                && (bool)internals.IsValid.GetValue(connection)!
                && internals.RemoteSiloAddress.GetValue(connection) is SiloAddress address)
            {
                var gateway = AsGateway(address);
                counts[gateway] = counts.GetValueOrDefault(gateway) + 1;
            }
        }

        return counts;
    }

    /// <summary>The gateways the client considers live (the gateway list minus the ones it found dead).</summary>
    public IReadOnlyList<SiloAddress> LiveGateways() =>
        Resolve() is { } internals
            ? [.. ((IEnumerable<SiloAddress>)internals.GetLiveGateways.Invoke(internals.GatewayManager, null)!).Select(AsGateway).Distinct()]
            : [];

    /// <summary>Clears every bucket if a live gateway carries less than half its share; true if it did.</summary>
    public bool RebalanceIfUneven()
    {
        var internals = Resolve();
        if (internals is null)
        {
            return false;
        }

        var live = LiveGateways();
        if (live.Count < 2)
        {
            return false;
        }

        var counts = BucketsPerGateway();
        var bound = counts.Values.Sum();
        if (bound < MinimumBoundBucketsPerGateway * live.Count)
        {
            return false;
        }

        var fairShare = (double)bound / live.Count;
        var starved = live.Where(g => counts.GetValueOrDefault(g) < fairShare / 2).ToList();
        if (starved.Count == 0)
        {
            return false;
        }

        var buckets = internals.Buckets();
        for (var i = 0; i < buckets.Length; i++)
        {
            buckets[i] = null;
        }

        Interlocked.Increment(ref _rebalances);
        LogRebalanced(bound, string.Join(", ", starved), string.Join(", ", counts.Select(c => $"{c.Key}: {c.Value}")));
        return true;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.GatewayRebalancePeriod);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                RebalanceIfUneven();
                if (_unavailable)
                {
                    return;
                }
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                LogFailed(e);
            }
        }
    }

    /// <summary>The client's internals, once it has started; null before, or for good if Orleans changed them.</summary>
    private Internals? Resolve()
    {
        if (_internals is not null || _unavailable)
        {
            return _internals;
        }

        const BindingFlags Instance = BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic;
        var runtimeClientType = OrleansCore.GetType("Orleans.OutsideRuntimeClient");
        var messageCenterProperty = runtimeClientType?.GetProperty("MessageCenter", Instance);
        var bucketsField = OrleansCore.GetType("Orleans.Messaging.ClientMessageCenter")?.GetField("grainBuckets", Instance);
        var gatewayManagerType = OrleansCore.GetType("Orleans.Messaging.GatewayManager");
        var getLiveGateways = gatewayManagerType?.GetMethod("GetLiveGateways", Instance, Type.EmptyTypes);
        var connectionType = OrleansCore.GetType("Orleans.Runtime.Messaging.ClientOutboundConnection");
        var remoteSiloAddress = connectionType?.GetProperty("RemoteSiloAddress", Instance);
        var isValid = connectionType?.GetProperty("IsValid", Instance);
        var tryGetTarget = connectionType is null
            ? null
            : typeof(WeakReference<>).MakeGenericType(connectionType).GetMethod(nameof(WeakReference<object>.TryGetTarget));
        if (runtimeClientType is null || messageCenterProperty is null || bucketsField is null || gatewayManagerType is null
            || getLiveGateways is null || remoteSiloAddress is null || isValid is null || tryGetTarget is null)
        {
            _unavailable = true;
            LogUnavailable();
            return null;
        }

        // The runtime client makes its message center when it connects; before that there is nothing to balance.
        // (Not resolved as a service: Orleans registers it as a factory that would cache the null of an unstarted client.)
        if (services.GetService(runtimeClientType) is not { } runtimeClient
            || messageCenterProperty.GetValue(runtimeClient) is not { } messageCenter
            || services.GetService(gatewayManagerType) is not { } gatewayManager)
        {
            return null;
        }

        return _internals = new Internals(messageCenter, bucketsField, gatewayManager, getLiveGateways, tryGetTarget, isValid, remoteSiloAddress);
    }

    /// <summary>A gateway by its endpoint alone (generation 0), as the client's gateway list names it.</summary>
    private static SiloAddress AsGateway(SiloAddress address) =>
        address.Generation == 0 ? address : SiloAddress.New(address.Endpoint, 0);

    private sealed record Internals(
        object MessageCenter, FieldInfo BucketsField, object GatewayManager, MethodInfo GetLiveGateways,
        MethodInfo TryGetTarget, PropertyInfo IsValid, PropertyInfo RemoteSiloAddress)
    {
        // An array of WeakReference<ClientOutboundConnection>; arrays of reference types convert to object[].
        public object?[] Buckets() => (object?[])BucketsField.GetValue(MessageCenter)!;
    }

    [LoggerMessage(Level = LogLevel.Information, Message =
        "Gateway traffic spread again: {Bound} grain buckets were bound, gateway(s) {Starved} carried less than half their share ({Counts}).")]
    private partial void LogRebalanced(int bound, string starved, string counts);

    [LoggerMessage(Level = LogLevel.Warning, Message =
        "Gateway rebalancing is off: this Orleans version's client internals are not the ones it knows (Orleans 10.4). " +
        "After a silo restarts, this API node keeps its traffic on the other gateways.")]
    private partial void LogUnavailable();

    [LoggerMessage(Level = LogLevel.Warning, Message = "Gateway rebalancing check failed.")]
    private partial void LogFailed(Exception exception);
}
