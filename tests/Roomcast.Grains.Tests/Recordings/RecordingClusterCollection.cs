using Roomcast.Grains.Tests.Infrastructure;

namespace Roomcast.Grains.Tests.Recordings;

/// <summary>Recordings and the storage janitor on their own cluster and clock (LiveKit detached: starts get a synthetic egress).</summary>
[CollectionDefinition(Name)]
public sealed class RecordingClusterCollection : ICollectionFixture<ClusterFixture>
{
    public const string Name = "Recordings cluster";
}
