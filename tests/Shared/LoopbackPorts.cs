using System.Net;
using System.Net.Sockets;

namespace Roomcast.Testing;

/// <summary>
/// Loopback ports for servers a test starts and binds a moment later (silos, gateways, child processes).
/// </summary>
/// <remarks>
/// A port read from a bind to port 0 comes from the kernel's ephemeral range, where any outgoing connection made
/// before the server binds (a database pool, an HTTP client) may be given it: the server then fails with
/// "address in use". These ports come from below that range (32768 and up on Linux), where the kernel never
/// hands out a port by itself, and each test process walks its own stretch of it, so two test assemblies
/// running side by side do not offer each other the same port either.
/// </remarks>
public static class LoopbackPorts
{
    private const int First = 20000;
    private const int Count = 12000;

    private static readonly int Start = (int)((uint)Environment.ProcessId * 2654435761u % Count);
    private static int _offered = -1;

    /// <summary>A loopback port below the ephemeral range that nothing listened on when it was offered.</summary>
    public static int Next()
    {
        for (var attempt = 0; attempt < Count; attempt++)
        {
            var port = First + (Start + Interlocked.Increment(ref _offered)) % Count;
            if (IsFree(port))
            {
                return port;
            }
        }

        throw new InvalidOperationException($"No free loopback port between {First} and {First + Count - 1}.");
    }

    private static bool IsFree(int port)
    {
        try
        {
            using var listener = new TcpListener(IPAddress.Loopback, port);
            listener.Start();
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }
}
