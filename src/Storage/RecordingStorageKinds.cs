namespace Roomcast.Storage;

/// <summary>The values of <c>RecordingStorage:Kind</c>.</summary>
public static class RecordingStorageKinds
{
    public const string Local = "Local";

    public const string S3 = "S3";
}
