using Roomcast.WebApi.Tests.Infrastructure;

namespace Roomcast.WebApi.Tests.Media;

// The media tests tell the fake LiveKit server to fail, so they have API hosts (and fake LiveKit servers) of their own.

[CollectionDefinition(Name)]
public sealed class MediaCollection : ICollectionFixture<RoomcastApiFactory>
{
    public const string Name = "Media: go live, HLS egress, stream health, share URLs";
}

[CollectionDefinition(Name)]
public sealed class HlsBaseUrlCollection : ICollectionFixture<HlsBaseUrlApiFactory>
{
    public const string Name = "Media with a configured HLS base URL";
}

/// <summary>The API with <c>Media:HlsBaseUrl</c> set: playlist URLs come from it, not from what LiveKit reports.</summary>
public sealed class HlsBaseUrlApiFactory : RoomcastApiFactory
{
    public const string HlsBaseUrl = "https://cdn.tests.roomcast.local/streams/";

    protected override IEnumerable<KeyValuePair<string, string>> ExtraSettings => [new("Media:HlsBaseUrl", HlsBaseUrl)];
}

/// <summary>
/// LiveKit outages: failed calls can open the LiveKit client's circuit breaker for a while, so these tests have a host
/// of their own and each one waits for LiveKit to answer again before it ends.
/// </summary>
[CollectionDefinition(Name)]
public sealed class LiveKitOutageCollection : ICollectionFixture<RoomcastApiFactory>
{
    public const string Name = "Media while LiveKit is down";
}
