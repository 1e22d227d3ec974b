using Microsoft.Extensions.DependencyInjection;
using Roomcast.Catalog;
using Roomcast.Grains.Catalog;

namespace Roomcast.Grains.Tests.Catalog;

public sealed class InMemoryRecordingCatalogTests : RecordingCatalogContract
{
    protected override Task<IRecordingCatalog> CreateCatalogAsync() => Task.FromResult<IRecordingCatalog>(new InMemoryRecordingCatalog());

    [Fact]
    public void The_grain_services_register_it_as_the_one_catalog()
    {
        using var provider = new ServiceCollection().AddRoomcastGrainServices().BuildServiceProvider();

        var catalog = Assert.IsType<InMemoryRecordingCatalog>(provider.GetRequiredService<IRecordingCatalog>());
        Assert.Same(catalog, provider.GetRequiredService<IRecordingCatalog>());
        Assert.False(catalog.WrittenWithGrainState);
    }
}
