namespace Roomcast.Silo.Hosting;

/// <summary>Cluster mode on PostgreSQL: ADO.NET clustering, grain storage and reminders, and the SQL catalog.</summary>
public static class PostgresHostingExtensions
{
    public static ISiloBuilder UseRoomcastPostgres(this ISiloBuilder silo, RoomcastHostingOptions hosting) =>
        throw new NotSupportedException("Storage=Postgres is not available yet.");

    public static IClientBuilder UseRoomcastPostgres(this IClientBuilder client, RoomcastHostingOptions hosting) =>
        throw new NotSupportedException("Storage=Postgres is not available yet.");
}
