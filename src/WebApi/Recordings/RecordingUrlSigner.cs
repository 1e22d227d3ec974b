using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.WebUtilities;
using Roomcast.WebApi.Auth;
using Roomcast.WebApi.Infrastructure;

namespace Roomcast.WebApi.Recordings;

/// <summary>
/// Signs and checks the URLs of recording files: an HMAC-SHA256 over the recording id, the expiry and the disposition,
/// so none of them can be changed, and a URL of one recording opens no other. The key is derived (HKDF) from the
/// access-token signing key, so every API node that accepts the same tokens accepts the same URLs, and no second
/// secret has to be distributed; the derivation's label keeps the two uses apart.
/// </summary>
public sealed class RecordingUrlSigner(SigningKey signingKey, TimeProvider clock)
{
    public const string ExpiresParameter = "expires";
    public const string DispositionParameter = "disposition";
    public const string SignatureParameter = "signature";

    public static readonly TimeSpan DefaultLifetime = TimeSpan.FromHours(1);
    public static readonly TimeSpan MinLifetime = TimeSpan.FromSeconds(60);
    public static readonly TimeSpan MaxLifetime = TimeSpan.FromDays(7);

    private static readonly byte[] KeyLabel = "roomcast recording file urls v1"u8.ToArray();

    private readonly byte[] _key = HKDF.DeriveKey(HashAlgorithmName.SHA256, signingKey.Key.Key, 32, salt: null, info: KeyLabel);

    /// <summary>The path and query of the file, valid for <paramref name="lifetime"/> (whole seconds).</summary>
    public (string PathAndQuery, DateTimeOffset ExpiresAt) Sign(Guid recordingId, TimeSpan lifetime, RecordingDisposition disposition)
    {
        var expiresAt = DateTimeOffset.FromUnixTimeSeconds(clock.GetUtcNow().ToUnixTimeSeconds() + (long)lifetime.TotalSeconds);
        var expires = expiresAt.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        var dispositionName = ApiEnum.Name(disposition);
        var signature = WebEncoders.Base64UrlEncode(Mac(recordingId, expires, dispositionName));
        return ($"/v1/recordings/{recordingId}/file?{ExpiresParameter}={expires}&{DispositionParameter}={dispositionName}&{SignatureParameter}={signature}",
            expiresAt);
    }

    /// <summary>How long a URL expiring at <paramref name="expiresAt"/> stays valid, by the clock that checks it (never negative).</summary>
    public TimeSpan TimeLeft(DateTimeOffset expiresAt)
    {
        var left = expiresAt - clock.GetUtcNow();
        return left > TimeSpan.Zero ? left : TimeSpan.Zero;
    }

    /// <summary>Checks a URL's parameters: the disposition and expiry it grants, or why it grants nothing.</summary>
    public RecordingUrlCheck Check(Guid recordingId, string? expires, string? disposition, string? signature)
    {
        if (expires is null || disposition is null || signature is null
            || !long.TryParse(expires, NumberStyles.None, CultureInfo.InvariantCulture, out var expiresSeconds)
            || !ApiEnum.TryParse<RecordingDisposition>(disposition, out var granted)
            || !TryDecode(signature, out var presented))
        {
            return RecordingUrlCheck.Invalid;
        }

        if (!CryptographicOperations.FixedTimeEquals(presented, Mac(recordingId, expires, disposition)))
        {
            return RecordingUrlCheck.Invalid;
        }

        return clock.GetUtcNow().ToUnixTimeSeconds() >= expiresSeconds
            ? RecordingUrlCheck.Expired
            : new RecordingUrlCheck(RecordingUrlVerdict.Valid, granted, DateTimeOffset.FromUnixTimeSeconds(Math.Min(expiresSeconds, DateTimeOffset.MaxValue.ToUnixTimeSeconds())));
    }

    private byte[] Mac(Guid recordingId, string expires, string disposition) =>
        HMACSHA256.HashData(_key, Encoding.UTF8.GetBytes($"v1\n{recordingId:N}\n{expires}\n{disposition}"));

    private static bool TryDecode(string signature, out byte[] bytes)
    {
        try
        {
            bytes = WebEncoders.Base64UrlDecode(signature);
            return bytes.Length == 32;
        }
        catch (FormatException)
        {
            bytes = [];
            return false;
        }
    }
}
