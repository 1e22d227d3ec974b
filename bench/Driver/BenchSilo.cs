using System.Net;
using Orleans.Configuration;
using Roomcast.Libraries;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Roomcast.Rooms;
using Roomcast.Hosting;

namespace Roomcast.Bench.Driver;

/// <summary>A Roomcast silo in this process, in dev or cluster (PostgreSQL) mode, configured for one measure.</summary>
internal sealed class BenchSilo : IAsyncDisposable
{
    private readonly IHost _host;

    private BenchSilo(IHost host, BenchMode mode)
    {
        _host = host;
        Mode = mode;
    }

    public BenchMode Mode { get; }

    public IGrainFactory Grains => _host.Services.GetRequiredService<IGrainFactory>();

    public IServiceProvider Services => _host.Services;

    /// <summary>The silo and gateway ports of the bench's silo; a second silo on the same database takes the next two.</summary>
    public const int SiloPort = 31111;

    /// <param name="services">Registrations after Roomcast's own, which they replace.</param>
    /// <param name="portOffset">Added to the silo and gateway ports (2 for a silo that replaces a stopped one).</param>
    public static async Task<BenchSilo> StartAsync(BenchMode mode, Dictionary<string, string?> settings,
        Action<IServiceCollection>? services = null, int portOffset = 0)
    {
        // BENCH_PORT_OFFSET=2 lets a second driver run beside this one (an A/B in the same minutes).
        portOffset += int.TryParse(Environment.GetEnvironmentVariable("BENCH_PORT_OFFSET"), out var offset) ? offset : 0;
        var builder = Host.CreateApplicationBuilder();
        builder.Configuration.AddInMemoryCollection(mode.SiloSettings());
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Orleans:SiloPort"] = (SiloPort + portOffset).ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Orleans:GatewayPort"] = (SiloPort + 1 + portOffset).ToString(System.Globalization.CultureInfo.InvariantCulture),
        });
        builder.Configuration.AddInMemoryCollection(settings);
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.UseOrleans(silo =>
        {
            silo.AddRoomcast(builder.Configuration);
            if (mode.IsPostgres)
            {
                // Cluster mode advertises the host's address and listens on all; the bench stays on loopback.
                silo.Configure<EndpointOptions>(o =>
                {
                    o.AdvertisedIPAddress = IPAddress.Loopback;
                    o.SiloListeningEndpoint = new IPEndPoint(IPAddress.Loopback, SiloPort + portOffset);
                    o.GatewayListeningEndpoint = new IPEndPoint(IPAddress.Loopback, SiloPort + 1 + portOffset);
                });
            }

            services?.Invoke(silo.Services);
        });
        var host = builder.Build();
        await host.StartAsync();
        return new BenchSilo(host, mode);
    }

    public async Task<Guid[]> CreateRoomsAsync(int count)
    {
        var ids = Enumerable.Range(0, count).Select(_ => Guid.NewGuid()).ToArray();
        await Task.WhenAll(ids.Select(id => Grains.GetGrain<IRoomGrain>(id)
            .CreateAsync(new CreateRoomCommand(Guid.NewGuid(), "bench room", null, Visibility.Public, DefaultLibrary.Id))));
        return ids;
    }

    public async ValueTask DisposeAsync()
    {
        await _host.StopAsync();
        _host.Dispose();
    }
}
