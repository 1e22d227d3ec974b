using Microsoft.Extensions.Options;

namespace Roomcast.Storage;

internal sealed class RecordingStorageOptionsValidator : IValidateOptions<RecordingStorageOptions>
{
    public static readonly TimeSpan LongestPresignedUrlLifetime = TimeSpan.FromDays(7);

    public ValidateOptionsResult Validate(string? name, RecordingStorageOptions options)
    {
        var failures = new List<string>();
        if (IsKind(options.Kind, RecordingStorageKinds.S3))
        {
            ValidateS3(options.S3, failures);
        }
        else if (!IsKind(options.Kind, RecordingStorageKinds.Local))
        {
            failures.Add($"RecordingStorage:Kind must be {RecordingStorageKinds.Local} or {RecordingStorageKinds.S3} (got '{options.Kind}').");
        }
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    public static bool IsKind(string? value, string kind) => string.Equals(value?.Trim(), kind, StringComparison.OrdinalIgnoreCase);

    private static void ValidateS3(S3RecordingStorageOptions s3, List<string> failures)
    {
        Require(s3.Bucket, "Bucket", "the bucket recordings are stored in", failures);
        Require(s3.AccessKey, "AccessKey", "the access key Roomcast and LiveKit's egress use", failures);
        Require(s3.SecretKey, "SecretKey", "the secret of that access key", failures);
        if (!string.IsNullOrWhiteSpace(s3.ServiceUrl)
            && !(Uri.TryCreate(s3.ServiceUrl, UriKind.Absolute, out var url) && (url.Scheme == Uri.UriSchemeHttp || url.Scheme == Uri.UriSchemeHttps)))
        {
            failures.Add($"RecordingStorage:S3:ServiceUrl must be an absolute http or https URL (got '{s3.ServiceUrl}').");
        }
        if (s3.PresignedUrlLifetime < TimeSpan.FromMinutes(1) || s3.PresignedUrlLifetime > LongestPresignedUrlLifetime)
        {
            failures.Add($"RecordingStorage:S3:PresignedUrlLifetime must be between 00:01:00 and 7.00:00:00 (got {s3.PresignedUrlLifetime}).");
        }
        if (s3.RequestTimeout < TimeSpan.FromMilliseconds(100) || s3.RequestTimeout > TimeSpan.FromHours(1))
        {
            failures.Add($"RecordingStorage:S3:RequestTimeout must be between 00:00:00.100 and 01:00:00 (got {s3.RequestTimeout}).");
        }
        if (s3.MaxRetries is < 0 or > 10)
        {
            failures.Add($"RecordingStorage:S3:MaxRetries must be between 0 and 10 (got {s3.MaxRetries}).");
        }
    }

    private static void Require(string? value, string key, string what, List<string> failures)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            failures.Add($"RecordingStorage:S3:{key} is not set ({what}, e.g. RecordingStorage__S3__{key}); it is required when RecordingStorage:Kind is S3.");
        }
    }
}
