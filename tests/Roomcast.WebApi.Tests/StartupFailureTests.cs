using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Roomcast.Testing;
using Xunit.Abstractions;

namespace Roomcast.WebApi.Tests;

/// <summary>
/// A taken HTTP port stops the start with one clear line and a non-zero exit code, instead of the bind error buried
/// under the embedded silo's shutdown (the real process, with the port held by a listener of this test).
/// </summary>
public sealed class StartupFailureTests(ITestOutputHelper output)
{
    [Fact]
    public async Task AStartOnATakenPortFailsWithOneLineNamingThePort()
    {
        using var taken = new TcpListener(IPAddress.Loopback, 0);
        taken.Start();
        var port = ((IPEndPoint)taken.LocalEndpoint).Port;

        var dll = Path.Combine(AppContext.BaseDirectory, "Roomcast.WebApi.dll");
        var start = new ProcessStartInfo("dotnet", [dll, "--urls", $"http://127.0.0.1:{port}", "--Orleans:SiloPort", LoopbackPorts.Next().ToString(), "--Orleans:GatewayPort", LoopbackPorts.Next().ToString()])
        {
            WorkingDirectory = AppContext.BaseDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Development";
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw;
        }

        var log = (await stdout + await stderr).TrimEnd();
        output.WriteLine(log);
        var lines = log.Split('\n');
        Assert.Equal(10, process.ExitCode);
        Assert.Contains($"http://127.0.0.1:{port} (port {port}) is already in use", log);
        Assert.True(lines.Length <= 3, $"{lines.Length} lines of output:\n{log}");
        Assert.DoesNotContain("Exception", log);
        Assert.DoesNotContain(" at ", log);
    }
}
