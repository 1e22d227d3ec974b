using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;
using Roomcast.Errors;
using Roomcast.Grains;
using Roomcast.Persistence.Postgres.Catalog;
using Roomcast.Persistence.Postgres.Polls;
using Roomcast.Polls;

namespace Roomcast.Postgres.Tests.Polls;

/// <summary>With no database to reach, every call leaves as the one exception Orleans can carry; and the registration.</summary>
public sealed class PostgresPollVoteLogOutageTests : IAsyncLifetime
{
    private NpgsqlDataSource _nowhere = null!;
    private PostgresPollVoteLog _log = null!;

    public Task InitializeAsync()
    {
        _nowhere = NpgsqlDataSource.Create($"Host=127.0.0.1;Port={ClosedPort()};Username=roomcast;Database=roomcast;Timeout=2");
        _log = new PostgresPollVoteLog(_nowhere, NullLogger<PostgresPollVoteLog>.Instance);
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await _nowhere.DisposeAsync();

    [Fact]
    public async Task Every_call_throws_storage_unavailable_with_no_driver_exception_inside()
    {
        var recording = await Assert.ThrowsAsync<StorageUnavailableException>(() => _log.RecordAsync(Guid.NewGuid(), Guid.NewGuid(), ["o1"], DateTimeOffset.UtcNow));
        Assert.Null(recording.InnerException);
        await Assert.ThrowsAsync<StorageUnavailableException>(() => _log.CountAsync(Guid.NewGuid()));
    }

    [Fact]
    public void The_postgres_log_replaces_the_in_memory_one_whatever_the_order()
    {
        const string connectionString = "Host=db;Database=roomcast";
        var catalogFirst = new ServiceCollection().AddLogging().AddRoomcastPostgresCatalog(connectionString).AddRoomcastGrainServices();
        var grainsFirst = new ServiceCollection().AddLogging().AddRoomcastGrainServices().AddRoomcastPostgresCatalog(connectionString);

        foreach (var services in new[] { catalogFirst, grainsFirst })
        {
            using var provider = services.BuildServiceProvider();
            Assert.IsType<PostgresPollVoteLog>(provider.GetRequiredService<IPollVoteLog>());
            Assert.Single(services, d => d.ServiceType == typeof(IPollVoteLog));
        }
    }

    /// <summary>A loopback port nothing listens on: one the system just handed out and took back.</summary>
    private static int ClosedPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }
}
