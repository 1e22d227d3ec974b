using System.Net;
using System.Net.Sockets;
using Npgsql;

namespace Roomcast.Postgres.Tests.Infrastructure;

/// <summary>A PostgreSQL that is not there: the outage tests' data source.</summary>
public static class UnreachablePostgres
{
    /// <summary>A data source for a loopback port nothing listens on, giving up on a connection after 2 s.</summary>
    public static NpgsqlDataSource DataSource() =>
        NpgsqlDataSource.Create($"Host=127.0.0.1;Port={ClosedPort()};Username=roomcast;Database=roomcast;Timeout=2");

    /// <summary>A loopback port nothing listens on: one the system just handed out and took back.</summary>
    public static int ClosedPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }
}
