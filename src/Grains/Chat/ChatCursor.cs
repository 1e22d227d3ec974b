using System.Buffers.Text;
using System.Globalization;
using System.Text;
using Roomcast.Errors;

namespace Roomcast.Grains.Chat;

/// <summary>
/// The position of a message in a chat history: its sequence number, which never changes and is never reused, so that
/// pages stay put while new messages arrive. Clients see it as an opaque base64url string.
/// </summary>
public readonly record struct ChatCursor(long Sequence)
{
    private const string Prefix = "chat.";

    public string Encode() =>
        Base64Url.EncodeToString(Encoding.UTF8.GetBytes(Prefix + Sequence.ToString(CultureInfo.InvariantCulture)));

    /// <summary>Parses a cursor a client sent back; anything else is a 400 naming <paramref name="field"/>.</summary>
    public static ChatCursor Decode(string value, string field)
    {
        try
        {
            var text = Encoding.UTF8.GetString(Base64Url.DecodeFromChars(value));
            if (text.StartsWith(Prefix, StringComparison.Ordinal)
                && long.TryParse(text.AsSpan(Prefix.Length), NumberStyles.None, CultureInfo.InvariantCulture, out var sequence)
                && sequence > 0)
            {
                return new ChatCursor(sequence);
            }
        }
        catch (FormatException)
        {
        }

        throw RoomcastException.Invalid(field, $"{field} is not a cursor returned by this API.");
    }
}
