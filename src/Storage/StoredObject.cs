namespace Roomcast.Storage;

/// <summary>An object in recording storage. <paramref name="ETag"/> is quoted, as HTTP sends it.</summary>
public sealed record StoredObject(string Key, long SizeBytes, DateTimeOffset LastModified, string ETag);
