using System.Text;

namespace Roomcast.Storage;

/// <summary>The <c>Content-Disposition</c> that makes a browser save a download under a given name.</summary>
public static class ContentDispositions
{
    /// <summary>
    /// <c>attachment; filename="..."; filename*=UTF-8''...</c> (RFC 6266): an ASCII fallback name for old clients, with
    /// quotes, backslashes, control and non-ASCII characters replaced by '_', and the exact name percent-encoded.
    /// </summary>
    public static string Attachment(string fileName)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(fileName);
        var clean = new string(fileName.Where(c => !char.IsControl(c)).ToArray());
        var fallback = new StringBuilder(clean.Length);
        foreach (var c in clean)
        {
            fallback.Append(c is >= ' ' and <= '~' and not '"' and not '\\' ? c : '_');
        }
        return $"attachment; filename=\"{fallback}\"; filename*=UTF-8''{Uri.EscapeDataString(clean)}";
    }
}
