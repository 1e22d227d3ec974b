namespace Roomcast.Storage;

/// <summary>The one check of keys and prefixes both stores apply before touching anything.</summary>
internal static class RecordingStorageKeys
{
    // S3's limit is 1,024 bytes; a segment stays well below a file system's 255 so the temp name beside it fits too.
    public const int MaxKeyLength = 1024;
    public const int MaxSegmentLength = 200;

    /// <summary>The key's segments; an <see cref="ArgumentException"/> naming what is wrong otherwise.</summary>
    public static string[] Validate(string key, string parameterName = "key")
    {
        if (string.IsNullOrEmpty(key))
        {
            throw new ArgumentException("A recording storage key must not be empty.", parameterName);
        }
        if (key.Length > MaxKeyLength)
        {
            throw new ArgumentException($"A recording storage key is at most {MaxKeyLength} characters long.", parameterName);
        }
        var segments = key.Split('/');
        foreach (var segment in segments)
        {
            if (!IsValidSegment(segment))
            {
                throw new ArgumentException(
                    $"'{key}' is not a recording storage key: a relative path of '/'-separated segments of letters, digits, '.', '-' and '_', "
                    + "with no empty, '.' or '..' segment.", parameterName);
            }
        }
        return segments;
    }

    /// <summary>
    /// A prefix is empty, a key, or a key followed by '/': <c>recordings/</c>, <c>recordings/s1/ab</c>. Returns the
    /// folder to look under (null for the root).
    /// </summary>
    public static string? FolderOfPrefix(string prefix)
    {
        ArgumentNullException.ThrowIfNull(prefix);
        if (prefix.Length == 0)
        {
            return null;
        }
        Validate(prefix.EndsWith('/') ? prefix[..^1] : prefix, nameof(prefix));
        var lastSlash = prefix.LastIndexOf('/');
        return lastSlash <= 0 ? null : prefix[..lastSlash];
    }

    public static bool IsValidSegment(string segment) =>
        segment.Length is > 0 and <= MaxSegmentLength && segment is not "." and not ".." && segment.All(IsAllowed);

    public static bool IsValidKey(string key)
    {
        if (key.Length is 0 or > MaxKeyLength)
        {
            return false;
        }
        return key.Split('/').All(IsValidSegment);
    }

    private static bool IsAllowed(char c) => char.IsAsciiLetterOrDigit(c) || c is '.' or '-' or '_';
}
