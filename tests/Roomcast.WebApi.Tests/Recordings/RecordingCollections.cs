using Roomcast.WebApi.Tests.Infrastructure;

namespace Roomcast.WebApi.Tests.Recordings;

/// <summary>Recording lifecycle, refusals, listings and metadata, on one host with the fake LiveKit server.</summary>
[CollectionDefinition(Name)]
public sealed class RecordingsCollection : ICollectionFixture<RoomcastApiFactory>
{
    public const string Name = "Recordings API";
}

/// <summary>Signed file URLs, on a host whose URL signer runs on a fake clock.</summary>
[CollectionDefinition(Name)]
public sealed class RecordingFileUrlsCollection : ICollectionFixture<RecordingUrlClockApiFactory>
{
    public const string Name = "Recording file URLs";
}

/// <summary>Admin storage status and cleanup, on a host with a retention period (its cleanups touch the whole store).</summary>
[CollectionDefinition(Name)]
public sealed class StorageAdminCollection : ICollectionFixture<StorageRetentionApiFactory>
{
    public const string Name = "Recording storage admin";
}
