using Roomcast.Grains.Tests.Infrastructure;

namespace Roomcast.Grains.Tests.Media;

/// <summary>Media grain tests: reports, the media-watch reminder and storage failures, on their own cluster and clock.</summary>
[CollectionDefinition(Name)]
public sealed class MediaCollection : ICollectionFixture<ClusterFixture>
{
    public const string Name = "Media cluster";
}
