using System.Globalization;
using Microsoft.Net.Http.Headers;
using Roomcast.Errors;

namespace Roomcast.WebApi.Infrastructure;

/// <summary>
/// Optimistic concurrency: the change sequence a writer expects comes from the body's
/// <c>change_sequence</c> or the <c>If-Match</c> header (an ETag such as <c>"7"</c>); naming both with
/// different values is a 400.
/// </summary>
public static class ChangeSequenceHeader
{
    public static long? Expected(HttpRequest request, long? fromBody = null)
    {
        var ifMatch = request.Headers[HeaderNames.IfMatch].ToString();
        if (string.IsNullOrWhiteSpace(ifMatch) || ifMatch.Trim() == "*")
        {
            return fromBody;
        }

        var text = ifMatch.Trim();
        if (text.StartsWith("W/", StringComparison.Ordinal))
        {
            text = text[2..];
        }

        if (!long.TryParse(text.Trim('"'), NumberStyles.None, CultureInfo.InvariantCulture, out var fromHeader) || fromHeader < 1)
        {
            throw RoomcastException.Invalid("If-Match", "If-Match must be the resource's ETag, e.g. \"3\".");
        }

        if (fromBody is { } body && body != fromHeader)
        {
            throw RoomcastException.Invalid("change_sequence", "change_sequence and If-Match name different versions.");
        }

        return fromHeader;
    }

    /// <summary>Sets the ETag of a single-resource response to its change sequence.</summary>
    public static void Tag(HttpResponse response, long changeSequence) =>
        response.Headers.ETag = $"\"{changeSequence.ToString(CultureInfo.InvariantCulture)}\"";
}
