using Roomcast.Catalog;
using Roomcast.Grains.Catalog;

namespace Roomcast.Postgres.Tests.Catalog;

public sealed class InMemorySessionCatalogTests : SessionCatalogContract
{
    protected override Task<ISessionCatalog> CreateCatalogAsync() => Task.FromResult<ISessionCatalog>(new InMemorySessionCatalog());
}
