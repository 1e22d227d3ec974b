using System.Buffers.Text;
using System.Globalization;
using System.Text;
using Roomcast.Errors;

namespace Roomcast.Grains.Catalog;

/// <summary>
/// The position of a row in a newest-first listing: its creation time and id (the tie-breaker).
/// Clients see it as an opaque base64url string.
/// </summary>
public readonly record struct CatalogCursor(DateTimeOffset CreatedOn, Guid Id) : IComparable<CatalogCursor>
{
    public string Encode() =>
        Base64Url.EncodeToString(Encoding.UTF8.GetBytes(
            $"{CreatedOn.UtcTicks.ToString(CultureInfo.InvariantCulture)}.{Id:N}"));

    /// <summary>Parses a cursor a client sent back; anything else is a 400 naming <paramref name="field"/>.</summary>
    public static CatalogCursor Decode(string value, string field)
    {
        try
        {
            var text = Encoding.UTF8.GetString(Base64Url.DecodeFromChars(value));
            var dot = text.IndexOf('.');
            if (dot > 0
                && long.TryParse(text.AsSpan(0, dot), NumberStyles.None, CultureInfo.InvariantCulture, out var ticks)
                && ticks <= DateTimeOffset.MaxValue.UtcTicks
                && Guid.TryParseExact(text.AsSpan(dot + 1), "N", out var id))
            {
                return new CatalogCursor(new DateTimeOffset(ticks, TimeSpan.Zero), id);
            }
        }
        catch (FormatException)
        {
        }

        throw RoomcastException.Invalid(field, $"{field} is not a cursor returned by this API.");
    }

    /// <summary>Orders newest first, then by id descending, the order of every listing.</summary>
    public int CompareTo(CatalogCursor other)
    {
        var byTime = other.CreatedOn.UtcTicks.CompareTo(CreatedOn.UtcTicks);
        return byTime != 0 ? byTime : other.Id.CompareTo(Id);
    }
}
