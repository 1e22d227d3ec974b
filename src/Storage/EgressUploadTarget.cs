namespace Roomcast.Storage;

/// <summary>
/// Where a LiveKit egress writes a file: <paramref name="FilePath"/> on the egress's own file system (local storage,
/// a volume the egress shares with Roomcast), or the object key in the bucket <paramref name="S3"/> names.
/// </summary>
public sealed record EgressUploadTarget(string FilePath, S3UploadTarget? S3);

/// <summary>The bucket and credentials an egress uploads with (LiveKit's <c>S3Upload</c>).</summary>
public sealed record S3UploadTarget(string Bucket, string? Region, string? Endpoint, string AccessKey, string Secret, bool ForcePathStyle);
