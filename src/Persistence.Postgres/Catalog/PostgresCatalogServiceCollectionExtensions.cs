using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Npgsql;
using Roomcast.Audience;
using Roomcast.Catalog;
using Roomcast.Chat;
using Roomcast.Persistence.Postgres.Audience;
using Roomcast.Persistence.Postgres.Polls;
using Roomcast.Polls;
using Roomcast.Persistence.Postgres.Chat;
using Roomcast.Persistence.Postgres.Reminders;
using Roomcast.Reminders;
using Roomcast.Persistence.Postgres.Webhooks;
using Roomcast.Webhooks;

namespace Roomcast.Persistence.Postgres.Catalog;

public static class PostgresCatalogServiceCollectionExtensions
{
    /// <summary>The DI key of the catalog's <see cref="NpgsqlDataSource"/>, so it never collides with another one.</summary>
    public const string DataSourceKey = "roomcast-catalog";

    /// <summary>
    /// Registers the PostgreSQL catalogs (sessions, rooms, recordings), webhook outbox, attendance log, poll vote log, chat log and room subscriber log, replacing the in-memory ones whatever the registration
    /// order. Silos and API nodes both call it: each reads (and the silos write) the same tables.
    /// </summary>
    public static IServiceCollection AddRoomcastPostgresCatalog(this IServiceCollection services, string connectionString)
    {
        services.TryAddKeyedSingleton(DataSourceKey, (_, _) => NpgsqlDataSource.Create(connectionString));
        services.TryAddSingleton(sp => new PostgresSessionCatalog(sp.GetRequiredKeyedService<NpgsqlDataSource>(DataSourceKey)));
        services.Replace(ServiceDescriptor.Singleton<ISessionCatalog>(sp => sp.GetRequiredService<PostgresSessionCatalog>()));
        // Once only (here and for recordings): the grain storage adds one CTE per registered projection, and two would clash.
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IGrainStateProjection, PostgresSessionCatalog>(
            sp => sp.GetRequiredService<PostgresSessionCatalog>()));
        services.TryAddSingleton(sp => new PostgresRecordingCatalog(
            sp.GetRequiredKeyedService<NpgsqlDataSource>(DataSourceKey), sp.GetRequiredService<ILogger<PostgresRecordingCatalog>>()));
        services.Replace(ServiceDescriptor.Singleton<IRecordingCatalog>(sp => sp.GetRequiredService<PostgresRecordingCatalog>()));
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IGrainStateProjection, PostgresRecordingCatalog>(
            sp => sp.GetRequiredService<PostgresRecordingCatalog>()));
        services.TryAddSingleton(sp => new PostgresWebhookOutbox(
            sp.GetRequiredKeyedService<NpgsqlDataSource>(DataSourceKey), sp.GetRequiredService<ILogger<PostgresWebhookOutbox>>()));
        services.Replace(ServiceDescriptor.Singleton<IWebhookOutbox>(sp => sp.GetRequiredService<PostgresWebhookOutbox>()));
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IGrainStateProjection, PostgresWebhookOutbox>(
            sp => sp.GetRequiredService<PostgresWebhookOutbox>()));
        services.Replace(ServiceDescriptor.Singleton<IRoomCatalog>(
            sp => new PostgresRoomCatalog(sp.GetRequiredKeyedService<NpgsqlDataSource>(DataSourceKey))));
        services.Replace(ServiceDescriptor.Singleton<IAttendanceLog>(sp => new PostgresAttendanceLog(
            sp.GetRequiredKeyedService<NpgsqlDataSource>(DataSourceKey), sp.GetRequiredService<ILogger<PostgresAttendanceLog>>())));
        services.Replace(ServiceDescriptor.Singleton<IPollVoteLog>(sp => new PostgresPollVoteLog(
            sp.GetRequiredKeyedService<NpgsqlDataSource>(DataSourceKey), sp.GetRequiredService<ILogger<PostgresPollVoteLog>>())));
        services.Replace(ServiceDescriptor.Singleton<IChatLog>(sp => new PostgresChatLog(
            sp.GetRequiredKeyedService<NpgsqlDataSource>(DataSourceKey), sp.GetRequiredService<ILogger<PostgresChatLog>>())));
        services.Replace(ServiceDescriptor.Singleton<IRoomSubscriberLog>(sp => new PostgresRoomSubscriberLog(
            sp.GetRequiredKeyedService<NpgsqlDataSource>(DataSourceKey), sp.GetRequiredService<ILogger<PostgresRoomSubscriberLog>>())));
        return services;
    }
}
