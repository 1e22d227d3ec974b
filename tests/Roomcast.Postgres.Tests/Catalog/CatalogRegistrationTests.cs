using Microsoft.Extensions.DependencyInjection;
using Roomcast.Catalog;
using Roomcast.Grains;
using Roomcast.Persistence.Postgres.Catalog;
using Roomcast.Persistence.Postgres.Webhooks;
using Roomcast.Webhooks;

namespace Roomcast.Postgres.Tests.Catalog;

public sealed class CatalogRegistrationTests
{
    [Fact]
    public void Registering_twice_leaves_one_catalog_of_each_kind_that_is_also_its_one_projection()
    {
        var services = new ServiceCollection().AddLogging()
            .AddRoomcastPostgresCatalog("Host=db;Database=roomcast")
            .AddRoomcastPostgresCatalog("Host=db;Database=roomcast");
        using var provider = services.BuildServiceProvider();

        var projections = provider.GetServices<IGrainStateProjection>().ToList();
        Assert.Equal(3, projections.Count);
        Assert.Same(provider.GetRequiredService<ISessionCatalog>(), Assert.Single(projections.OfType<PostgresSessionCatalog>()));
        Assert.Same(provider.GetRequiredService<IRecordingCatalog>(), Assert.Single(projections.OfType<PostgresRecordingCatalog>()));
        Assert.Same(provider.GetRequiredService<IWebhookOutbox>(), Assert.Single(projections.OfType<PostgresWebhookOutbox>()));
        Assert.True(provider.GetRequiredService<IRecordingCatalog>().WrittenWithGrainState);
        Assert.True(provider.GetRequiredService<IWebhookOutbox>().WrittenWithGrainState);
    }

    [Fact]
    public void The_postgres_recording_catalog_replaces_the_in_memory_one_whatever_the_order()
    {
        const string connectionString = "Host=db;Database=roomcast";
        var catalogFirst = new ServiceCollection().AddLogging()
            .AddRoomcastPostgresCatalog(connectionString).AddRoomcastGrainServices();
        var grainsFirst = new ServiceCollection().AddLogging()
            .AddRoomcastGrainServices().AddRoomcastPostgresCatalog(connectionString);

        foreach (var services in new[] { catalogFirst, grainsFirst })
        {
            using var provider = services.BuildServiceProvider();
            Assert.IsType<PostgresRecordingCatalog>(provider.GetRequiredService<IRecordingCatalog>());
            Assert.Single(services, d => d.ServiceType == typeof(IRecordingCatalog));
            Assert.IsType<PostgresWebhookOutbox>(provider.GetRequiredService<IWebhookOutbox>());
            Assert.Single(services, d => d.ServiceType == typeof(IWebhookOutbox));
        }
    }
}
