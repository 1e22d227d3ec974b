using System.Runtime.CompilerServices;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Roomcast.Storage;

/// <summary>
/// Recordings as files under one root directory. Besides the key check, every path is resolved and must stay inside
/// the root, and no symbolic link below the root is followed (a key that passes through one is refused like a bad
/// key; listings skip links), so nothing placed in the directory can lead a read or write outside it.
/// </summary>
public sealed class LocalRecordingStorage : IRecordingStorage
{
    private const string TempSuffix = ".tmp";

    private readonly string _root;
    private readonly string _rootWithSeparator;
    private readonly string _egressRoot;
    private readonly ILogger _logger;

    /// <param name="root">An absolute directory; created here when missing (a failure is logged, and each call then fails as unavailable).</param>
    /// <param name="egressRoot">The same directory as LiveKit's egress sees it; null: <paramref name="root"/>.</param>
    public LocalRecordingStorage(string root, string? egressRoot = null, ILogger<LocalRecordingStorage>? logger = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(root);
        _root = Path.TrimEndingDirectorySeparator(Path.GetFullPath(root));
        _rootWithSeparator = _root + Path.DirectorySeparatorChar;
        _egressRoot = string.IsNullOrWhiteSpace(egressRoot) ? _root : egressRoot.TrimEnd('/');
        _logger = logger ?? NullLogger<LocalRecordingStorage>.Instance;
        try
        {
            Directory.CreateDirectory(_root);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            _logger.LogWarning(e, "Recording storage root {Root} could not be created; recording files are unavailable until it can", _root);
        }
    }

    public string Kind => "local";

    /// <summary>The absolute root directory.</summary>
    public string Root => _root;

    public Task<StoredObject?> StatAsync(string key, CancellationToken cancellationToken = default)
    {
        var path = Resolve(key);
        return Task.FromResult(Guarded("stat", key, () => Stat(key, path)));
    }

    public async Task WriteAsync(string key, Stream content, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(content);
        var path = Resolve(key);
        var directory = Path.GetDirectoryName(path)!;
        // A name no key can have ('~'), so a crash that leaves it behind never shows up as an object.
        var temp = Path.Combine(directory, $"{Path.GetFileName(path)}~{Guid.NewGuid():N}{TempSuffix}");
        try
        {
            Directory.CreateDirectory(directory);
            try
            {
                await using (var file = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None, 81920, FileOptions.Asynchronous))
                {
                    await content.CopyToAsync(file, cancellationToken);
                    file.Flush(flushToDisk: true);
                }
                // rename(2) replaces the target atomically: a reader sees the old file or the new one, never a part.
                File.Move(temp, path, overwrite: true);
            }
            catch
            {
                TryDelete(temp);
                throw;
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw Unavailable(e, "write", key);
        }
    }

    public Task DeleteAsync(string key, CancellationToken cancellationToken = default)
    {
        var path = Resolve(key);
        Guarded("delete", key, () =>
        {
            try
            {
                File.Delete(path);
            }
            catch (DirectoryNotFoundException)
            {
                // Nothing under the key: deleted already.
            }
            return true;
        });
        return Task.CompletedTask;
    }

    public async IAsyncEnumerable<StoredObject> ListAsync(string prefix, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var folder = RecordingStorageKeys.FolderOfPrefix(prefix);
        if (folder is null)
        {
            EnsureRoot();
        }
        var start = folder is null ? _root : Resolve(folder);
        using var files = Guarded("list", prefix, () => Enumerate(start, prefix).GetEnumerator());
        while (true)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (!Guarded("list", prefix, files.MoveNext))
            {
                yield break;
            }
            yield return files.Current;
        }
    }

    public Task<StoredObjectAccess?> GetReadAccessAsync(string key, DateTimeOffset validUntil, string? attachmentFileName,
        CancellationToken cancellationToken = default)
    {
        // The server sends a local file itself: expiry and disposition are the caller's to apply.
        var path = Resolve(key);
        var stored = Guarded("stat", key, () => Stat(key, path));
        return Task.FromResult<StoredObjectAccess?>(stored is null ? null : new LocalFileAccess(path, stored));
    }

    public EgressUploadTarget EgressTargetFor(string key)
    {
        RecordingStorageKeys.Validate(key);
        return new EgressUploadTarget($"{_egressRoot}/{key}", S3: null);
    }

    private IEnumerable<StoredObject> Enumerate(string start, string prefix)
    {
        if (!Directory.Exists(start) || IsLink(start))
        {
            yield break;
        }
        var options = new EnumerationOptions
        {
            RecurseSubdirectories = true,
            // Not the default Hidden | System: on Unix a dot file is "hidden", and keys may start with '.'.
            AttributesToSkip = FileAttributes.ReparsePoint,
            IgnoreInaccessible = false,
        };
        foreach (var file in new DirectoryInfo(start).EnumerateFiles("*", options))
        {
            var key = Path.GetRelativePath(_root, file.FullName).Replace(Path.DirectorySeparatorChar, '/');
            if (RecordingStorageKeys.IsValidKey(key) && key.StartsWith(prefix, StringComparison.Ordinal))
            {
                yield return ToStoredObject(key, file);
            }
        }
    }

    private static StoredObject? Stat(string key, string path)
    {
        var file = new FileInfo(path);
        return file.Exists ? ToStoredObject(key, file) : null;
    }

    private static StoredObject ToStoredObject(string key, FileInfo file)
    {
        var modified = file.LastWriteTimeUtc;
        return new StoredObject(key, file.Length, new DateTimeOffset(modified, TimeSpan.Zero),
            $"\"{file.Length:x}-{modified.Ticks:x}\"");
    }

    /// <summary>The key's full path, proven inside the root and free of symbolic links below it.</summary>
    private string Resolve(string key)
    {
        var segments = RecordingStorageKeys.Validate(key);
        EnsureRoot();
        var path = Path.GetFullPath(Path.Combine(_root, Path.Combine(segments)));
        if (!path.StartsWith(_rootWithSeparator, StringComparison.Ordinal))
        {
            throw new ArgumentException($"'{key}' resolves outside the recording storage root.", nameof(key));
        }
        var current = _root;
        foreach (var segment in segments)
        {
            current = Path.Combine(current, segment);
            if (IsLink(current))
            {
                throw new ArgumentException(
                    $"'{key}' passes through a symbolic link in the recording storage root, which is never followed.", nameof(key));
            }
        }
        return path;
    }

    // A root that is gone (an unmounted volume, a deleted folder) is a store that is down, not a store that is empty.
    private void EnsureRoot()
    {
        if (Directory.Exists(_root))
        {
            return;
        }
        try
        {
            Directory.CreateDirectory(_root);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw Unavailable(e, "create root", _root);
        }
    }

    private bool IsLink(string path)
    {
        try
        {
            return new FileInfo(path).LinkTarget is not null;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw Unavailable(e, "resolve", path);
        }
    }

    private T Guarded<T>(string operation, string key, Func<T> action)
    {
        try
        {
            return action();
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw Unavailable(e, operation, key);
        }
    }

    private Roomcast.Errors.RoomcastException Unavailable(Exception cause, string operation, string key)
    {
        _logger.LogWarning(cause, "Recording storage {Operation} of {Key} under {Root} failed", operation, key, _root);
        return RecordingStorageErrors.Unavailable(Kind);
    }

    private static void TryDelete(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // The temp file stays; its name is no key, so it is invisible, and it is only wasted space.
        }
    }
}
