namespace Roomcast.Storage;

/// <summary>
/// The files of recordings, addressed by keys relative to the storage's root (<c>recordings/{session}/{id}.mp4</c>):
/// the local file system or an S3-compatible bucket, chosen by configuration (<c>RecordingStorage:Kind</c>).
/// A key is a relative path of '/'-separated segments of letters, digits, '.', '-' and '_' (no '..', no empty segment);
/// anything else is an <see cref="ArgumentException"/>, so nothing can name a file outside the root. The local store
/// also refuses (the same way) a key whose path passes through a symbolic link below its root, and lists no link.
/// Failures of the store itself surface as a <c>RoomcastException</c> of kind Unavailable, code
/// <c>recording_storage_unavailable</c> (503), so they cross grain calls and reach the client as what they are.
/// </summary>
public interface IRecordingStorage
{
    /// <summary><c>local</c> or <c>s3</c>, for logs and the admin status.</summary>
    string Kind { get; }

    /// <summary>The object, or null when there is none under the key.</summary>
    Task<StoredObject?> StatAsync(string key, CancellationToken cancellationToken = default);

    /// <summary>Stores the content under the key, replacing what was there; never leaves a partial object visible.</summary>
    Task WriteAsync(string key, Stream content, CancellationToken cancellationToken = default);

    /// <summary>Deletes the object; a key with nothing under it counts as deleted.</summary>
    Task DeleteAsync(string key, CancellationToken cancellationToken = default);

    /// <summary>Every object whose key starts with <paramref name="prefix"/> (a folder such as <c>recordings/</c>).</summary>
    IAsyncEnumerable<StoredObject> ListAsync(string prefix, CancellationToken cancellationToken = default);

    /// <summary>
    /// How to hand the object to an HTTP client: a local file the server sends itself (with range and conditional
    /// requests), or a URL to redirect to that is valid until <paramref name="validUntil"/> and, when
    /// <paramref name="attachmentFileName"/> is set, makes the browser download it under that name. Null when there
    /// is no object under the key. For a local file the caller applies the expiry and the disposition itself.
    /// </summary>
    Task<StoredObjectAccess?> GetReadAccessAsync(string key, DateTimeOffset validUntil, string? attachmentFileName,
        CancellationToken cancellationToken = default);

    /// <summary>Where a LiveKit egress must write a file so that it lands under <paramref name="key"/>.</summary>
    EgressUploadTarget EgressTargetFor(string key);
}
