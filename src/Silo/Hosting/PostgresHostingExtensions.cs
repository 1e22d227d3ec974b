using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Roomcast.Grains;
using Roomcast.Grains.Catalog.Postgres;
using Roomcast.Silo.Migrations;

namespace Roomcast.Silo.Hosting;

/// <summary>Cluster mode on PostgreSQL: ADO.NET clustering, grain storage and reminders, and the SQL catalog.</summary>
public static class PostgresHostingExtensions
{
    /// <summary>The ADO.NET invariant name of Npgsql.</summary>
    public const string Invariant = "Npgsql";

    public static ISiloBuilder UseRoomcastPostgres(this ISiloBuilder silo, RoomcastHostingOptions hosting)
    {
        var connectionString = RequireConnectionString(hosting);

        if (hosting.AdvertisedAddress is { } advertised)
        {
            silo.ConfigureEndpoints(IPAddress.Parse(advertised), hosting.SiloPort, hosting.GatewayPort, listenOnAnyHostAddress: true);
        }
        else
        {
            silo.ConfigureEndpoints(hosting.SiloPort, hosting.GatewayPort);
        }

        silo.UseAdoNetClustering(o =>
        {
            o.Invariant = Invariant;
            o.ConnectionString = connectionString;
        });
        silo.AddAdoNetGrainStorage(GrainStorage.Name, o =>
        {
            o.Invariant = Invariant;
            o.ConnectionString = connectionString;
        });
        silo.UseAdoNetReminderService(o =>
        {
            o.Invariant = Invariant;
            o.ConnectionString = connectionString;
        });

        silo.Services.AddSingleton(sp => new RoomcastMigrator(connectionString, sp.GetRequiredService<ILogger<RoomcastMigrator>>()));
        silo.Services.AddSingleton<ILifecycleParticipant<ISiloLifecycle>, MigrationLifecycleParticipant>();
        silo.Services.AddRoomcastPostgresCatalog(connectionString);
        return silo;
    }

    public static IClientBuilder UseRoomcastPostgres(this IClientBuilder client, RoomcastHostingOptions hosting)
    {
        var connectionString = RequireConnectionString(hosting);
        client.UseAdoNetClustering(o =>
        {
            o.Invariant = Invariant;
            o.ConnectionString = connectionString;
        });
        client.Services.AddRoomcastPostgresCatalog(connectionString);
        return client;
    }

    private static string RequireConnectionString(RoomcastHostingOptions hosting) =>
        hosting.ConnectionString ?? throw new InvalidOperationException(
            "Storage=Postgres needs a connection string in 'ConnectionStrings:Roomcast'.");
}
