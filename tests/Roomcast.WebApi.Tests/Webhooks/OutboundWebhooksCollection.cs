using Roomcast.WebApi.Tests.Infrastructure;

namespace Roomcast.WebApi.Tests.Webhooks;

[CollectionDefinition(Name)]
public sealed class OutboundWebhooksCollection : ICollectionFixture<RoomcastApiFactory>
{
    public const string Name = "Outbound webhooks API";
}
