using Microsoft.Extensions.Configuration;

namespace Roomcast.Hosting;

/// <summary>The few settings that decide how a Roomcast process joins its cluster.</summary>
public sealed record RoomcastHostingOptions
{
    public const string ConnectionStringName = "Roomcast";

    public StorageMode Storage { get; init; } = StorageMode.Dev;

    /// <summary>The PostgreSQL connection string (<c>ConnectionStrings:Roomcast</c>); required in Postgres mode.</summary>
    public string? ConnectionString { get; init; }

    public string ClusterId { get; init; } = "roomcast";

    public string ServiceId { get; init; } = "roomcast";

    public int SiloPort { get; init; } = 11111;

    public int GatewayPort { get; init; } = 30000;

    /// <summary>The IP address other silos and clients reach this silo on (<c>Orleans:AdvertisedAddress</c>); Postgres mode only.</summary>
    public string? AdvertisedAddress { get; init; }

    /// <summary>Reads and checks the settings; a bad value stops start-up with a message that names the key.</summary>
    public static RoomcastHostingOptions From(IConfiguration configuration)
    {
        var storageText = configuration["Storage"];
        var storage = StorageMode.Dev;
        if (!string.IsNullOrWhiteSpace(storageText) && !Enum.TryParse(storageText, ignoreCase: true, out storage))
        {
            throw new InvalidOperationException(
                $"Configuration 'Storage' is '{storageText}'; expected 'Dev' (in-memory) or 'Postgres'.");
        }

        var options = new RoomcastHostingOptions
        {
            Storage = storage,
            ConnectionString = configuration.GetConnectionString(ConnectionStringName),
            ClusterId = configuration["Orleans:ClusterId"] ?? "roomcast",
            ServiceId = configuration["Orleans:ServiceId"] ?? "roomcast",
            SiloPort = configuration.GetValue("Orleans:SiloPort", 11111),
            GatewayPort = configuration.GetValue("Orleans:GatewayPort", 30000),
            AdvertisedAddress = configuration["Orleans:AdvertisedAddress"],
        };

        if (options.Storage == StorageMode.Postgres && string.IsNullOrWhiteSpace(options.ConnectionString))
        {
            throw new InvalidOperationException(
                "Storage=Postgres needs a connection string in 'ConnectionStrings:Roomcast' " +
                "(environment variable ConnectionStrings__Roomcast).");
        }

        if (options.AdvertisedAddress is { } address && !System.Net.IPAddress.TryParse(address, out _))
        {
            throw new InvalidOperationException(
                $"Configuration 'Orleans:AdvertisedAddress' is '{address}'; expected an IP address.");
        }

        return options;
    }
}
