using System.Security.Cryptography;

namespace Roomcast.LiveKit;

/// <summary>
/// The key pair of dev mode when none is configured: made once per process, so that every host in it (the API and its
/// embedded silo, the hosts of a test run) signs with the same one.
/// </summary>
internal static class LiveKitDevCredentials
{
    private static readonly Lazy<(string Key, string Secret)> Generated = new(() =>
        ("dev-" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(6)),
         Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_')));

    public static string ApiKey => Generated.Value.Key;

    public static string ApiSecret => Generated.Value.Secret;
}
