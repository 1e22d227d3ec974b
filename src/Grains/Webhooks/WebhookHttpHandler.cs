using System.Net;
using System.Net.Sockets;

namespace Roomcast.Grains.Webhooks;

/// <summary>
/// The HTTP handler of outbound webhooks, safe against server-side request forgery: it resolves the host itself,
/// refuses addresses <see cref="WebhookAddressPolicy"/> does not call public (unless private addresses are allowed),
/// and connects to the address it checked (no second lookup that could answer differently). Redirects are not
/// followed, connecting is bounded, and no proxy is used (a proxy would connect on its own terms).
/// </summary>
public static class WebhookHttpHandler
{
    public static readonly TimeSpan ConnectTimeout = TimeSpan.FromSeconds(5);

    public static SocketsHttpHandler Create(bool allowPrivateAddresses, Func<string, CancellationToken, Task<IPAddress[]>>? resolve = null)
    {
        resolve ??= (host, cancellationToken) => Dns.GetHostAddressesAsync(host, cancellationToken);
        return new SocketsHttpHandler
        {
            AllowAutoRedirect = false,
            UseProxy = false,
            UseCookies = false,
            ConnectTimeout = ConnectTimeout,
            PooledConnectionLifetime = TimeSpan.FromMinutes(2),
            ConnectCallback = async (context, cancellationToken) =>
            {
                var host = context.DnsEndPoint.Host;
                var addresses = IPAddress.TryParse(host, out var literal) ? [literal] : await resolve(host, cancellationToken);
                var allowed = allowPrivateAddresses ? addresses : addresses.Where(WebhookAddressPolicy.IsPublic).ToArray();
                if (allowed.Length == 0)
                {
                    throw new WebhookAddressRefusedException(host, addresses);
                }

                var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
                try
                {
                    await socket.ConnectAsync(allowed, context.DnsEndPoint.Port, cancellationToken);
                    return new NetworkStream(socket, ownsSocket: true);
                }
                catch
                {
                    socket.Dispose();
                    throw;
                }
            },
        };
    }
}

/// <summary>A webhook's host resolved only to addresses it may not connect to.</summary>
public sealed class WebhookAddressRefusedException(string host, IReadOnlyCollection<IPAddress> addresses)
    : IOException($"The webhook host '{host}' resolves to no public address ({(addresses.Count == 0 ? "none" : string.Join(", ", addresses))}).")
{
    public string Host { get; } = host;
}
