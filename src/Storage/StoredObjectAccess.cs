namespace Roomcast.Storage;

/// <summary>How an HTTP client gets an object's bytes: see <see cref="IRecordingStorage.GetReadAccessAsync"/>.</summary>
public abstract record StoredObjectAccess;

/// <summary>A file on this machine, inside the storage root, that the server sends itself.</summary>
public sealed record LocalFileAccess(string PhysicalPath, StoredObject Object) : StoredObjectAccess;

/// <summary>A short-lived URL of the store (an S3 presigned GET) that serves the bytes, ranges and conditions itself.</summary>
public sealed record RedirectAccess(Uri Url) : StoredObjectAccess;
