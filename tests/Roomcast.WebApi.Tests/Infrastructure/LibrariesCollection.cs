namespace Roomcast.WebApi.Tests.Infrastructure;

[CollectionDefinition(Name)]
public sealed class LibrariesCollection : ICollectionFixture<RoomcastApiFactory>
{
    public const string Name = "Libraries and API keys";
}
