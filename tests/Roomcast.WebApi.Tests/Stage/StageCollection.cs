using Roomcast.WebApi.Tests.Infrastructure;

namespace Roomcast.WebApi.Tests.Stage;

[CollectionDefinition(Name)]
public sealed class StageCollection : ICollectionFixture<RoomcastApiFactory>
{
    public const string Name = "Stage: hands, requests, members, tokens";
}
