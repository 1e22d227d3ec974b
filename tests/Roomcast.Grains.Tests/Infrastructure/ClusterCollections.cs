namespace Roomcast.Grains.Tests.Infrastructure;

// Each collection gets its own cluster and its own fake clock; xunit runs collections in parallel and the tests
// within one in order, so a test that advances its collection's clock never disturbs another collection.

/// <summary>Request/response tests: state machine, rooms, catalog, identity.</summary>
[CollectionDefinition(Name)]
public sealed class LifecycleCollection : ICollectionFixture<ClusterFixture>
{
    public const string Name = "Lifecycle cluster";
}

/// <summary>Health-check timer tests.</summary>
[CollectionDefinition(Name)]
public sealed class HealthCheckCollection : ICollectionFixture<ClusterFixture>
{
    public const string Name = "Health-check cluster";
}

/// <summary>Deadline tests (expiry, maximum duration, re-activation) and reminder bookkeeping.</summary>
[CollectionDefinition(Name)]
public sealed class DeadlineCollection : ICollectionFixture<ClusterFixture>
{
    public const string Name = "Deadline cluster";
}

/// <summary>Code and refresh-family expiry.</summary>
[CollectionDefinition(Name)]
public sealed class IdentityClockCollection : ICollectionFixture<ClusterFixture>
{
    public const string Name = "Identity cluster";
}

/// <summary>Storage that fails on demand, and lookups that must leave nothing behind.</summary>
[CollectionDefinition(Name)]
public sealed class StorageFailureCollection : ICollectionFixture<ClusterFixture>
{
    public const string Name = "Storage failure cluster";
}

/// <summary>Audience tests: presence timeouts, ban expiry and the session's end, on their own clock.</summary>
[CollectionDefinition(Name)]
public sealed class AudienceCollection : ICollectionFixture<ClusterFixture>
{
    public const string Name = "Audience cluster";
}

/// <summary>Poll tests: re-activation, and the coalescing of vote events on their own clock.</summary>
[CollectionDefinition(Name)]
public sealed class PollsCollection : ICollectionFixture<ClusterFixture>
{
    public const string Name = "Polls cluster";
}

/// <summary>Chat tests: numbering across activations and the per-sender rate limit, on their own clock.</summary>
[CollectionDefinition(Name)]
public sealed class ChatCollection : ICollectionFixture<ClusterFixture>
{
    public const string Name = "Chat cluster";
}
