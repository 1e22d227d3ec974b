using System.Buffers;
using System.Buffers.Text;
using System.Security.Cryptography;

namespace Roomcast.WebApi.Auth;

/// <summary>
/// The text of an API key: <c>rk_&lt;key id, 32 hex digits&gt;_&lt;256-bit secret, base64url without padding&gt;</c>.
/// The id tells the API which key grain to ask; only the secret is secret. Parsing is strict (canonical
/// spelling only), so a key that was altered in any character is refused.
/// </summary>
public static class ApiKeyFormat
{
    public const string Marker = "rk_";

    /// <summary>Bytes of randomness in a secret.</summary>
    public const int SecretLength = 32;

    private const int IdLength = 32;
    private static readonly int SecretTextLength = Base64Url.GetEncodedLength(SecretLength);
    private static readonly int KeyLength = Marker.Length + IdLength + 1 + SecretTextLength;

    /// <summary>A new key: its id, its secret, and the text shown to the caller once.</summary>
    public static (Guid Id, byte[] Secret, string Text) Create()
    {
        var id = Guid.NewGuid();
        var secret = RandomNumberGenerator.GetBytes(SecretLength);
        return (id, secret, $"{PrefixOf(id)}{Base64Url.EncodeToString(secret)}");
    }

    /// <summary>The non-secret start of a key, e.g. <c>rk_0f8c…_</c>: enough to tell keys apart.</summary>
    public static string PrefixOf(Guid id) => $"{Marker}{id:N}_";

    public static bool TryParse(string? text, out Guid id, out byte[] secret)
    {
        id = Guid.Empty;
        secret = [];
        if (text is null || text.Length != KeyLength || !text.StartsWith(Marker, StringComparison.Ordinal) || text[Marker.Length + IdLength] != '_')
        {
            return false;
        }

        var idText = text.AsSpan(Marker.Length, IdLength);
        if (!Guid.TryParseExact(idText, "N", out id) || !idText.SequenceEqual(id.ToString("N")))
        {
            return false;
        }

        var secretText = text.AsSpan(Marker.Length + IdLength + 1);
        if (secretText.ContainsAnyExcept(Base64UrlAlphabet))
        {
            return false;
        }

        var bytes = new byte[SecretLength];
        try
        {
            // TryDecodeFromChars throws rather than answering false on some non-canonical endings.
            if (!Base64Url.TryDecodeFromChars(secretText, bytes, out var written) || written != SecretLength
                || !secretText.SequenceEqual(Base64Url.EncodeToString(bytes)))
            {
                return false;
            }
        }
        catch (FormatException)
        {
            return false;
        }

        secret = bytes;
        return true;
    }

    private static readonly SearchValues<char> Base64UrlAlphabet =
        SearchValues.Create("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_");
}
