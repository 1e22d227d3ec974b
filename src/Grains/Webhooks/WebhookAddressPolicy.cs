using System.Net;
using System.Net.Sockets;

namespace Roomcast.Grains.Webhooks;

/// <summary>
/// Which addresses an outbound webhook may connect to: public unicast only. Refused: loopback, "this network"
/// (0.0.0.0/8), private (RFC 1918, fc00::/7), carrier-grade NAT (100.64.0.0/10), link-local (169.254.0.0/16, where cloud
/// metadata lives, and fe80::/10), multicast, broadcast, unspecified, and IPv4-mapped or -compatible forms of these.
/// </summary>
public static class WebhookAddressPolicy
{
    /// <summary>True when a webhook may connect to the address.</summary>
    public static bool IsPublic(IPAddress address)
    {
        if (address.IsIPv4MappedToIPv6)
        {
            address = address.MapToIPv4();
        }

        if (address.AddressFamily == AddressFamily.InterNetwork)
        {
            Span<byte> b = stackalloc byte[4];
            address.TryWriteBytes(b, out _);
            return !(b[0] == 0 // 0.0.0.0/8
                || b[0] == 10 // 10/8
                || b[0] == 127 // loopback
                || (b[0] == 100 && (b[1] & 0xC0) == 64) // 100.64/10
                || (b[0] == 169 && b[1] == 254) // link-local
                || (b[0] == 172 && (b[1] & 0xF0) == 16) // 172.16/12
                || (b[0] == 192 && b[1] == 168) // 192.168/16
                || b[0] >= 224); // multicast, reserved, broadcast
        }

        if (address.AddressFamily != AddressFamily.InterNetworkV6)
        {
            return false;
        }

        if (IPAddress.IPv6Loopback.Equals(address) || IPAddress.IPv6None.Equals(address)
            || address.IsIPv6LinkLocal || address.IsIPv6SiteLocal || address.IsIPv6Multicast)
        {
            return false;
        }

        Span<byte> v6 = stackalloc byte[16];
        address.TryWriteBytes(v6, out _);
        if ((v6[0] & 0xFE) == 0xFC)
        {
            return false; // fc00::/7, unique local
        }

        // ::a.b.c.d (deprecated IPv4-compatible): judged as the IPv4 address it carries.
        if (v6[..12].IndexOfAnyExcept((byte)0) < 0)
        {
            return IsPublic(new IPAddress(v6[12..]));
        }

        return true;
    }
}
