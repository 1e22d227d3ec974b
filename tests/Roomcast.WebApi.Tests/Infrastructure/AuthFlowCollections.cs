namespace Roomcast.WebApi.Tests.Infrastructure;

[CollectionDefinition(Name)]
public sealed class AuthFlowsCollection : ICollectionFixture<RoomcastApiFactory>
{
    public const string Name = "Auth flows";
}

[CollectionDefinition(Name)]
public sealed class AuthClockCollection : ICollectionFixture<FakeClockApiFactory>
{
    public const string Name = "Auth flows on a fake clock";
}

[CollectionDefinition(Name)]
public sealed class RateLimitCollection : ICollectionFixture<RateLimitedApiFactory>
{
    public const string Name = "Auth rate limit";
}

[CollectionDefinition(Name)]
public sealed class SecretLoggingCollection : ICollectionFixture<LogCapturingApiFactory>
{
    public const string Name = "Secrets in logs";
}
