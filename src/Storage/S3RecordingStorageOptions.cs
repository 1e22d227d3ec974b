namespace Roomcast.Storage;

/// <summary>Section <c>RecordingStorage:S3</c>: recordings as objects of one bucket of Amazon S3 or an S3-compatible store.</summary>
public sealed class S3RecordingStorageOptions
{
    public string? Bucket { get; set; }

    /// <summary>The region (signing region for S3-compatible stores); unset: <c>us-east-1</c>.</summary>
    public string? Region { get; set; }

    /// <summary>The endpoint of an S3-compatible store (MinIO, Ceph, R2...), e.g. <c>http://minio:9000</c>; unset: Amazon S3.</summary>
    public string? ServiceUrl { get; set; }

    public string? AccessKey { get; set; }

    public string? SecretKey { get; set; }

    /// <summary>Bucket in the path (<c>host/bucket/key</c>) rather than the host name; most S3-compatible stores need it.</summary>
    public bool ForcePathStyle { get; set; }

    /// <summary>The longest a presigned download URL stays valid, whatever the caller asks for (at most 7 days, SigV4's limit).</summary>
    public TimeSpan PresignedUrlLifetime { get; set; } = TimeSpan.FromHours(1);

    /// <summary>How long one attempt of a call to the store may take (an upload included).</summary>
    public TimeSpan RequestTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Retries of a failed call (the SDK's standard retry mode), so a dead store answers within (1 + this) attempts.</summary>
    public int MaxRetries { get; set; } = 2;
}
