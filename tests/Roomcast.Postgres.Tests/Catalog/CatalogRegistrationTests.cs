using Microsoft.Extensions.DependencyInjection;
using Roomcast.Catalog;
using Roomcast.Persistence.Postgres.Catalog;

namespace Roomcast.Postgres.Tests.Catalog;

public sealed class CatalogRegistrationTests
{
    [Fact]
    public void Registering_twice_leaves_one_catalog_that_is_also_the_one_projection()
    {
        var services = new ServiceCollection()
            .AddRoomcastPostgresCatalog("Host=db;Database=roomcast")
            .AddRoomcastPostgresCatalog("Host=db;Database=roomcast");
        using var provider = services.BuildServiceProvider();

        var projection = Assert.Single(provider.GetServices<IGrainStateProjection>());
        Assert.Same(provider.GetRequiredService<ISessionCatalog>(), projection);
    }
}
