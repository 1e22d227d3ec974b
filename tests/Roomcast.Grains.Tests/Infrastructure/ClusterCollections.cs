namespace Roomcast.Grains.Tests.Infrastructure;

// Each collection gets its own cluster; xunit runs collections in parallel and the tests within one in order.
// The slow, real-time tests are spread over several collections so their waits overlap.

/// <summary>Fast request/response tests: state machine, rooms, catalog, identity.</summary>
[CollectionDefinition(Name)]
public sealed class LifecycleCollection : ICollectionFixture<ClusterFixture>
{
    public const string Name = "Lifecycle cluster";
}

/// <summary>Health-check timer tests (wait for host departure, keep a host present).</summary>
[CollectionDefinition(Name)]
public sealed class HealthCheckCollection : ICollectionFixture<ClusterFixture>
{
    public const string Name = "Health-check cluster";
}

/// <summary>Deadline tests (expiry, maximum duration, re-activation).</summary>
[CollectionDefinition(Name)]
public sealed class DeadlineCollection : ICollectionFixture<ClusterFixture>
{
    public const string Name = "Deadline cluster";
}

/// <summary>Reminder bookkeeping tests.</summary>
[CollectionDefinition(Name)]
public sealed class ReminderCollection : ICollectionFixture<ClusterFixture>
{
    public const string Name = "Reminder cluster";
}
