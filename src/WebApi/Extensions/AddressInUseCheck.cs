using System.Net;
using System.Net.Sockets;
using Microsoft.AspNetCore.Connections;

namespace Roomcast.WebApi.Extensions;

/// <summary>
/// Turns "the HTTP port is taken" into one clear error line and a non-zero exit. Kestrel binds only after the embedded
/// silo has started, so its bind error came out under a hundred lines of silo shutdown; the ports are therefore tried
/// before anything starts, and a bind that still fails (a port taken in between) is caught the same way.
/// </summary>
public static partial class AddressInUseCheck
{
    public const int ExitCode = 10;

    /// <summary>Runs the app, or logs one error naming the taken address and returns <see cref="ExitCode"/>.</summary>
    public static async Task<int> RunUnlessAddressInUseAsync(this WebApplication app)
    {
        if (FindTakenAddress(app.Configuration) is { } taken)
        {
            return await FailAsync(app, taken);
        }

        try
        {
            await app.RunAsync();
            return 0;
        }
        catch (IOException e) when (e.InnerException is AddressInUseException)
        {
            return await FailAsync(app, e.Message);
        }
    }

    /// <summary>The first configured HTTP address (<c>urls</c>, or <c>http_ports</c>) that another process listens on.</summary>
    public static string? FindTakenAddress(IConfiguration configuration)
    {
        var urls = configuration[WebHostDefaults.ServerUrlsKey];
        var addresses = !string.IsNullOrWhiteSpace(urls)
            ? urls.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            : (configuration[WebHostDefaults.HttpPortsKey] ?? "").Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
                .Select(port => $"http://*:{port}").ToArray();
        foreach (var address in addresses)
        {
            if (Endpoint(address) is { } endpoint && InUse(endpoint))
            {
                return $"{address} (port {endpoint.Port})";
            }
        }

        return null;
    }

    private static IPEndPoint? Endpoint(string address)
    {
        BindingAddress binding;
        try
        {
            binding = BindingAddress.Parse(address);
        }
        catch (FormatException)
        {
            return null; // Kestrel reports it, with its own words
        }

        if (binding.IsUnixPipe || binding.Port <= 0)
        {
            return null;
        }

        var host = binding.Host.Trim('[', ']');
        var ip = IPAddress.TryParse(host, out var parsed) ? parsed
            : string.Equals(host, "localhost", StringComparison.OrdinalIgnoreCase) ? IPAddress.Loopback
            : IPAddress.Any; // *, + and host names: Kestrel listens on every interface
        return new IPEndPoint(ip, binding.Port);
    }

    private static bool InUse(IPEndPoint endpoint)
    {
        try
        {
            var listener = new TcpListener(endpoint);
            listener.Start();
            listener.Stop();
            return false;
        }
        catch (SocketException e) when (e.SocketErrorCode == SocketError.AddressAlreadyInUse)
        {
            return true;
        }
        catch (SocketException)
        {
            return false; // e.g. an address of another machine: Kestrel reports it, with its own words
        }
    }

    private static async Task<int> FailAsync(WebApplication app, string address)
    {
        LogAddressInUse(app.Logger, address);
        await app.DisposeAsync(); // flushes the console logger
        return ExitCode;
    }

    [LoggerMessage(EventId = 1, Level = LogLevel.Critical,
        Message = "Cannot start: {Address} is already in use by another process. Stop it, or choose another address with --urls or Urls=http://127.0.0.1:<port>.")]
    private static partial void LogAddressInUse(ILogger logger, string address);
}
