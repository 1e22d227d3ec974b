namespace Roomcast.WebApi.Tests.Infrastructure;

// One API host per collection; collections run in parallel, each on its own free ports.

[CollectionDefinition(Name)]
public sealed class AuthCollection : ICollectionFixture<RoomcastApiFactory>
{
    public const string Name = "Auth and admin API";
}

[CollectionDefinition(Name)]
public sealed class RoomsCollection : ICollectionFixture<RoomcastApiFactory>
{
    public const string Name = "Rooms API";
}

[CollectionDefinition(Name)]
public sealed class SessionsCollection : ICollectionFixture<RoomcastApiFactory>
{
    public const string Name = "Sessions API";
}

[CollectionDefinition(Name)]
public sealed class ListingsCollection : ICollectionFixture<RoomcastApiFactory>
{
    public const string Name = "Listings";
}

[CollectionDefinition(Name)]
public sealed class ExpiryCollection : ICollectionFixture<ShortLifecycleApiFactory>
{
    public const string Name = "Session expiry";
}

[CollectionDefinition(Name)]
public sealed class TenancyCollection : ICollectionFixture<RoomcastApiFactory>
{
    public const string Name = "Tenancy and session roles";
}

[CollectionDefinition(Name)]
public sealed class DependencyFailureCollection : ICollectionFixture<FaultInjectingApiFactory>
{
    public const string Name = "Dependency failures";
}

[CollectionDefinition(Name)]
public sealed class AudienceCollection : ICollectionFixture<RoomcastApiFactory>
{
    public const string Name = "Audience: join, attendance, bans";
}

[CollectionDefinition(Name)]
public sealed class PresetsCollection : ICollectionFixture<RoomcastApiFactory>
{
    public const string Name = "Presets API";
}

[CollectionDefinition(Name)]
public sealed class EventsCollection : ICollectionFixture<EventsApiFactory>
{
    public const string Name = "Live event stream";
}

[CollectionDefinition(Name)]
public sealed class PollsCollection : ICollectionFixture<RoomcastApiFactory>
{
    public const string Name = "Polls API";
}

[CollectionDefinition(Name)]
public sealed class ChatCollection : ICollectionFixture<RoomcastApiFactory>
{
    public const string Name = "Chat API";
}
