using Roomcast.LiveKit;
using Roomcast.Storage;

namespace Roomcast.Grains.Media;

/// <summary>Recording storage's upload target in the shape LiveKit's egress requests carry it.</summary>
internal static class EgressUploads
{
    /// <summary>LiveKit's <c>S3Upload</c> of a bucket target; null (the egress's own file system) for local storage.</summary>
    public static LiveKitS3Upload? ToLiveKit(this S3UploadTarget? s3) =>
        s3 is null ? null : new LiveKitS3Upload(s3.Bucket, s3.Region, s3.Endpoint, s3.AccessKey, s3.Secret, s3.ForcePathStyle);
}
