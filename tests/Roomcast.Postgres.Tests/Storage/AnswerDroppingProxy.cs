using System.Net;
using System.Net.Sockets;

namespace Roomcast.Postgres.Tests.Storage;

/// <summary>
/// A TCP relay in front of PostgreSQL that can lose one answer: after <see cref="DropNextAnswer"/>, the next bytes
/// the server sends are thrown away and both connections closed. PostgreSQL sends the answer to a statement (run
/// without an explicit transaction) only after it has committed it, so the client sees a broken connection for a
/// write that is stored: a lost acknowledgement.
/// </summary>
public sealed class AnswerDroppingProxy : IAsyncDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly CancellationTokenSource _stop = new();
    private readonly string _host;
    private readonly int _port;
    private int _dropNext;
    private int _dropped;

    private AnswerDroppingProxy(string host, int port)
    {
        _host = host;
        _port = port;
    }

    public int Port => ((IPEndPoint)_listener.LocalEndpoint).Port;

    /// <summary>How many answers were thrown away.</summary>
    public int AnswersDropped => Volatile.Read(ref _dropped);

    public static AnswerDroppingProxy Start(string host, int port)
    {
        var proxy = new AnswerDroppingProxy(host, port);
        proxy._listener.Start();
        _ = proxy.AcceptAsync();
        return proxy;
    }

    public void DropNextAnswer() => Volatile.Write(ref _dropNext, 1);

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Stop();
        _stop.Dispose();
    }

    private async Task AcceptAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            TcpClient client;
            try
            {
                client = await _listener.AcceptTcpClientAsync(_stop.Token);
            }
            catch (Exception e) when (e is OperationCanceledException or SocketException or ObjectDisposedException)
            {
                return;
            }

            _ = RelayAsync(client);
        }
    }

    private async Task RelayAsync(TcpClient client)
    {
        using (client)
        using (var server = new TcpClient())
        {
            try
            {
                await server.ConnectAsync(_host, _port, _stop.Token);
                // Whichever direction ends first (a dropped answer, a closed side) closes both connections.
                await Task.WhenAny(
                    PumpAsync(client.GetStream(), server.GetStream(), answers: false),
                    PumpAsync(server.GetStream(), client.GetStream(), answers: true));
            }
            catch (Exception e) when (e is OperationCanceledException or SocketException or IOException)
            {
            }
        }
    }

    private async Task PumpAsync(Stream from, Stream to, bool answers)
    {
        var buffer = new byte[16 * 1024];
        try
        {
            int read;
            while ((read = await from.ReadAsync(buffer, _stop.Token)) > 0)
            {
                if (answers && Interlocked.Exchange(ref _dropNext, 0) == 1)
                {
                    Interlocked.Increment(ref _dropped);
                    return;
                }

                await to.WriteAsync(buffer.AsMemory(0, read), _stop.Token);
            }
        }
        catch (Exception e) when (e is OperationCanceledException or SocketException or IOException or ObjectDisposedException)
        {
        }
    }
}
