using Roomcast.WebApi.Tests.Infrastructure;

namespace Roomcast.WebApi.Tests.Reminders;

[CollectionDefinition(Name)]
public sealed class RemindersCollection : ICollectionFixture<RoomcastApiFactory>
{
    public const string Name = "Reminders API";
}
