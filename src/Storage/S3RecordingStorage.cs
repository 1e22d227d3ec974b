using System.Net;
using System.Net.Sockets;
using System.Runtime.CompilerServices;
using Amazon.Runtime;
using Amazon.S3;
using Amazon.S3.Model;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Roomcast.Errors;

namespace Roomcast.Storage;

/// <summary>
/// Recordings as objects of one bucket of Amazon S3 or an S3-compatible store (<see cref="S3RecordingStorageOptions.ServiceUrl"/>).
/// Downloads are presigned GET URLs the client is redirected to; the store serves ranges and conditions itself.
/// </summary>
public sealed class S3RecordingStorage : IRecordingStorage, IDisposable
{
    private readonly AmazonS3Client _client;
    private readonly S3RecordingStorageOptions _options;
    private readonly string _bucket;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly Protocol _urlProtocol;

    public S3RecordingStorage(S3RecordingStorageOptions options, TimeProvider? time = null, ILogger<S3RecordingStorage>? logger = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentException.ThrowIfNullOrWhiteSpace(options.Bucket);
        ArgumentException.ThrowIfNullOrWhiteSpace(options.AccessKey);
        ArgumentException.ThrowIfNullOrWhiteSpace(options.SecretKey);
        _options = options;
        _bucket = options.Bucket;
        _time = time ?? TimeProvider.System;
        _logger = logger ?? NullLogger<S3RecordingStorage>.Instance;
        _urlProtocol = options.ServiceUrl?.StartsWith("http://", StringComparison.OrdinalIgnoreCase) == true ? Protocol.HTTP : Protocol.HTTPS;
        _client = new AmazonS3Client(new BasicAWSCredentials(options.AccessKey, options.SecretKey), CreateConfig(options));
    }

    public string Kind => "s3";

    public string Bucket => _bucket;

    public async Task<StoredObject?> StatAsync(string key, CancellationToken cancellationToken = default)
    {
        RecordingStorageKeys.Validate(key);
        try
        {
            var head = await _client.GetObjectMetadataAsync(new GetObjectMetadataRequest { BucketName = _bucket, Key = key }, cancellationToken);
            return new StoredObject(key, head.ContentLength, ToOffset(head.LastModified), Quoted(head.ETag));
        }
        catch (AmazonS3Exception e) when (e.StatusCode == HttpStatusCode.NotFound)
        {
            return null;
        }
        catch (Exception e) when (IsStoreFailure(e, cancellationToken))
        {
            throw Unavailable(e, "stat", key);
        }
    }

    public async Task WriteAsync(string key, Stream content, CancellationToken cancellationToken = default)
    {
        RecordingStorageKeys.Validate(key);
        ArgumentNullException.ThrowIfNull(content);
        // A single PUT must know its length and sign its payload; a stream that cannot tell is spooled to a temp file first.
        Stream? spool = null;
        try
        {
            if (!content.CanSeek)
            {
                spool = new FileStream(Path.GetTempFileName(), FileMode.Create, FileAccess.ReadWrite, FileShare.None, 81920,
                    FileOptions.Asynchronous | FileOptions.DeleteOnClose);
                await content.CopyToAsync(spool, cancellationToken);
                spool.Position = 0;
            }
            await _client.PutObjectAsync(new PutObjectRequest
            {
                BucketName = _bucket,
                Key = key,
                InputStream = spool ?? content,
                AutoCloseStream = false,
                // aws-chunked uploads (and their trailing checksums) are not understood by every S3-compatible store.
                UseChunkEncoding = false,
            }, cancellationToken);
        }
        catch (Exception e) when (IsStoreFailure(e, cancellationToken))
        {
            throw Unavailable(e, "write", key);
        }
        finally
        {
            if (spool is not null)
            {
                await spool.DisposeAsync();
            }
        }
    }

    public async Task DeleteAsync(string key, CancellationToken cancellationToken = default)
    {
        RecordingStorageKeys.Validate(key);
        try
        {
            await _client.DeleteObjectAsync(new DeleteObjectRequest { BucketName = _bucket, Key = key }, cancellationToken);
        }
        catch (AmazonS3Exception e) when (e.StatusCode == HttpStatusCode.NotFound)
        {
            // Some stores answer 404 for a missing key instead of S3's 204: deleted already.
        }
        catch (Exception e) when (IsStoreFailure(e, cancellationToken))
        {
            throw Unavailable(e, "delete", key);
        }
    }

    public async IAsyncEnumerable<StoredObject> ListAsync(string prefix, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        RecordingStorageKeys.FolderOfPrefix(prefix);
        var request = new ListObjectsV2Request { BucketName = _bucket, Prefix = prefix.Length == 0 ? null : prefix };
        while (true)
        {
            ListObjectsV2Response page;
            try
            {
                page = await _client.ListObjectsV2Async(request, cancellationToken);
            }
            catch (Exception e) when (IsStoreFailure(e, cancellationToken))
            {
                throw Unavailable(e, "list", prefix);
            }
            foreach (var item in page.S3Objects ?? [])
            {
                // Objects written by other tools may have keys Roomcast would refuse; they are not Roomcast's to show.
                if (RecordingStorageKeys.IsValidKey(item.Key))
                {
                    yield return new StoredObject(item.Key, item.Size ?? 0, ToOffset(item.LastModified), Quoted(item.ETag));
                }
            }
            if (page.IsTruncated != true || string.IsNullOrEmpty(page.NextContinuationToken))
            {
                yield break;
            }
            request.ContinuationToken = page.NextContinuationToken;
        }
    }

    public async Task<StoredObjectAccess?> GetReadAccessAsync(string key, DateTimeOffset validUntil, string? attachmentFileName,
        CancellationToken cancellationToken = default)
    {
        if (await StatAsync(key, cancellationToken) is null)
        {
            return null;
        }
        var now = _time.GetUtcNow();
        var expires = validUntil < now + _options.PresignedUrlLifetime ? validUntil : now + _options.PresignedUrlLifetime;
        // SigV4 needs an expiry in the future; a deadline already past still yields a URL, one that lives a second.
        if (expires < now.AddSeconds(1))
        {
            expires = now.AddSeconds(1);
        }
        var request = new GetPreSignedUrlRequest
        {
            BucketName = _bucket,
            Key = key,
            Verb = HttpVerb.GET,
            Expires = expires.UtcDateTime,
            Protocol = _urlProtocol,
        };
        if (!string.IsNullOrWhiteSpace(attachmentFileName))
        {
            request.ResponseHeaderOverrides.ContentDisposition = ContentDispositions.Attachment(attachmentFileName);
        }
        try
        {
            return new RedirectAccess(new Uri(await _client.GetPreSignedURLAsync(request)));
        }
        catch (Exception e) when (IsStoreFailure(e, cancellationToken))
        {
            throw Unavailable(e, "presign", key);
        }
    }

    public EgressUploadTarget EgressTargetFor(string key)
    {
        RecordingStorageKeys.Validate(key);
        return new EgressUploadTarget(key, new S3UploadTarget(_bucket, _options.Region, _options.ServiceUrl, _options.AccessKey!,
            _options.SecretKey!, _options.ForcePathStyle));
    }

    public void Dispose() => _client.Dispose();

    private static AmazonS3Config CreateConfig(S3RecordingStorageOptions options)
    {
        var config = new AmazonS3Config
        {
            ForcePathStyle = options.ForcePathStyle,
            // The SDK's defaults since 2025 (CRC checksums on every upload, checked on every download) are S3's own
            // extensions; S3-compatible stores may not know them. Only operations that require a checksum send one.
            RequestChecksumCalculation = RequestChecksumCalculation.WHEN_REQUIRED,
            ResponseChecksumValidation = ResponseChecksumValidation.WHEN_REQUIRED,
            // Bounded: a dead store costs at most (1 + MaxRetries) attempts of RequestTimeout plus the standard backoff.
            RetryMode = RequestRetryMode.Standard,
            MaxErrorRetry = options.MaxRetries,
            Timeout = options.RequestTimeout,
            ConnectTimeout = options.RequestTimeout < TimeSpan.FromSeconds(5) ? options.RequestTimeout : TimeSpan.FromSeconds(5),
        };
        var region = string.IsNullOrWhiteSpace(options.Region) ? "us-east-1" : options.Region;
        if (string.IsNullOrWhiteSpace(options.ServiceUrl))
        {
            config.RegionEndpoint = Amazon.RegionEndpoint.GetBySystemName(region);
        }
        else
        {
            config.ServiceURL = options.ServiceUrl;
            config.AuthenticationRegion = region;
        }
        return config;
    }

    private static bool IsStoreFailure(Exception e, CancellationToken cancellationToken) => e switch
    {
        OperationCanceledException when cancellationToken.IsCancellationRequested => false,
        // A timeout of the SDK's own HttpClient surfaces as a cancellation nobody asked for.
        OperationCanceledException or AmazonServiceException or AmazonClientException or HttpRequestException
            or IOException or SocketException or TimeoutException => true,
        _ => false,
    };

    private RoomcastException Unavailable(Exception cause, string operation, string key)
    {
        _logger.LogWarning(cause, "Recording storage {Operation} of {Key} in bucket {Bucket} failed", operation, key, _bucket);
        return RecordingStorageErrors.Unavailable(Kind);
    }

    private static DateTimeOffset ToOffset(DateTime? value) =>
        value is { } time ? new DateTimeOffset(time.ToUniversalTime(), TimeSpan.Zero) : DateTimeOffset.UnixEpoch;

    private static string Quoted(string? etag) =>
        string.IsNullOrEmpty(etag) ? "\"\"" : etag.StartsWith('"') || etag.StartsWith("W/\"", StringComparison.Ordinal) ? etag : $"\"{etag}\"";
}
