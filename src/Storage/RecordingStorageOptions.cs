namespace Roomcast.Storage;

/// <summary>
/// Section <c>RecordingStorage</c>: where recording files live. <see cref="Kind"/> picks the store; only that store's
/// subsection is read.
/// </summary>
public sealed class RecordingStorageOptions
{
    public const string Section = "RecordingStorage";

    /// <summary><see cref="RecordingStorageKinds.Local"/> (default) or <see cref="RecordingStorageKinds.S3"/>, any case.</summary>
    public string Kind { get; set; } = RecordingStorageKinds.Local;

    public LocalRecordingStorageOptions Local { get; set; } = new();

    public S3RecordingStorageOptions S3 { get; set; } = new();
}
