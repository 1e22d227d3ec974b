using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Npgsql;
using Orleans.Storage;
using Roomcast.Catalog;
using Roomcast.Grains;
using Roomcast.Persistence.Postgres.Catalog;
using Roomcast.Sessions;
using Roomcast.Hosting.Health;

namespace Roomcast.WebApi.Tests.Infrastructure;

/// <summary>
/// The API whose dependencies can be made to fail on demand: the session catalog's reads, and the grain storage's writes
/// of one kind of state. It records every grain-state write and every log line, and its readiness includes a
/// PostgreSQL check against a port nothing listens on (the in-memory catalog and storage keep working).
/// </summary>
public sealed class FaultInjectingApiFactory : RoomcastApiFactory
{
    public Faults Faults { get; } = new();

    public ConcurrentQueue<LogLine> Logs { get; } = new();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureLogging(logging => logging.AddProvider(new RecordingLoggerProvider(Logs)));
    }

    protected override void ConfigureTestServices(IServiceCollection services)
    {
        var catalog = services.Last(d => d.ServiceType == typeof(ISessionCatalog));
        services.Replace(ServiceDescriptor.Singleton<ISessionCatalog>(sp =>
            new FaultySessionCatalog((ISessionCatalog)Create(catalog, sp, null), Faults)));

        var storage = services.Last(d => d.ServiceType == typeof(IGrainStorage) && Equals(d.ServiceKey, GrainStorage.Name));
        services.AddKeyedSingleton<IGrainStorage>(GrainStorage.Name, (sp, key) =>
            new FaultyGrainStorage((IGrainStorage)Create(storage, sp, key), Faults));

        services.AddKeyedSingleton(PostgresCatalogServiceCollectionExtensions.DataSourceKey, (_, _) =>
            NpgsqlDataSource.Create($"Host=127.0.0.1;Port={ClosedPort()};Username=roomcast;Password=roomcast;Database=roomcast;Timeout=3"));
        services.AddHealthChecks().AddPostgresReadiness();
    }

    private static object Create(ServiceDescriptor descriptor, IServiceProvider services, object? key) =>
        descriptor.IsKeyedService
            ? descriptor.KeyedImplementationInstance
              ?? descriptor.KeyedImplementationFactory?.Invoke(services, key)
              ?? ActivatorUtilities.CreateInstance(services, descriptor.KeyedImplementationType!)
            : descriptor.ImplementationInstance
              ?? descriptor.ImplementationFactory?.Invoke(services)
              ?? ActivatorUtilities.CreateInstance(services, descriptor.ImplementationType!);

    /// <summary>A port that was free a moment ago and that nothing listens on.</summary>
    private static int ClosedPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}

/// <summary>What fails, and what was written.</summary>
public sealed class Faults
{
    /// <summary>When set, every catalog read throws what this returns.</summary>
    public Func<Exception>? CatalogReads { get; set; }

    /// <summary>When set, writes of this state name (e.g. <c>room</c>) throw what <see cref="StorageWrite"/> returns.</summary>
    public string? FailWritesOf { get; set; }

    public Func<Exception> StorageWrite { get; set; } = () => new InvalidOperationException("no storage fault configured");

    public ConcurrentQueue<(string StateName, GrainId GrainId, object? State)> Writes { get; } = new();
}

public sealed record LogLine(LogLevel Level, string Category, string Message, Exception? Exception);

internal sealed class FaultySessionCatalog(ISessionCatalog inner, Faults faults) : ISessionCatalog
{
    public bool WrittenWithGrainState => inner.WrittenWithGrainState;

    public Task UpsertAsync(SessionSnapshot session, CancellationToken cancellationToken = default) =>
        inner.UpsertAsync(session, cancellationToken);

    public Task<Page<SessionSnapshot>> ListAsync(SessionQuery query, PageRequest page, CancellationToken cancellationToken = default)
    {
        ThrowIfFaulted();
        return inner.ListAsync(query, page, cancellationToken);
    }

    public Task<IReadOnlyList<SessionSnapshot>> GetManyAsync(IReadOnlyCollection<Guid> ids, CancellationToken cancellationToken = default)
    {
        ThrowIfFaulted();
        return inner.GetManyAsync(ids, cancellationToken);
    }

    public Task<SessionStats> GetStatsAsync(Guid? hostId, Guid? libraryId, CancellationToken cancellationToken = default)
    {
        ThrowIfFaulted();
        return inner.GetStatsAsync(hostId, libraryId, cancellationToken);
    }

    private void ThrowIfFaulted()
    {
        if (faults.CatalogReads is { } fault)
        {
            throw fault();
        }
    }
}

internal sealed class FaultyGrainStorage(IGrainStorage inner, Faults faults) : IGrainStorage, ILifecycleParticipant<ISiloLifecycle>
{
    public Task ReadStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) =>
        inner.ReadStateAsync(stateName, grainId, grainState);

    public async Task WriteStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        if (faults.FailWritesOf == stateName)
        {
            throw faults.StorageWrite();
        }

        await inner.WriteStateAsync(stateName, grainId, grainState);
        faults.Writes.Enqueue((stateName, grainId, grainState.State));
    }

    public Task ClearStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) =>
        inner.ClearStateAsync(stateName, grainId, grainState);

    public void Participate(ISiloLifecycle lifecycle) => (inner as ILifecycleParticipant<ISiloLifecycle>)?.Participate(lifecycle);
}

internal sealed class RecordingLoggerProvider(ConcurrentQueue<LogLine> lines) : ILoggerProvider
{
    public ILogger CreateLogger(string categoryName) => new RecordingLogger(categoryName, lines);

    public void Dispose()
    {
    }

    private sealed class RecordingLogger(string category, ConcurrentQueue<LogLine> lines) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Warning;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            lines.Enqueue(new LogLine(logLevel, category, formatter(state, exception), exception));
    }
}
