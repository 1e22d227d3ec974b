using System.Diagnostics;

namespace Roomcast.Storage.Tests.Infrastructure;

/// <summary>
/// s3rver, an S3-compatible server, run by scripts/s3rver.sh on 127.0.0.1 with its files in a temp directory and the
/// bucket <see cref="Bucket"/> created empty. Started on first use (npm ci may run then), stopped on dispose.
/// </summary>
public sealed class S3rverServer : IAsyncLifetime
{
    public const string Bucket = "recordings";

    // s3rver's fixed key pair.
    public const string AccessKey = "S3RVER";
    public const string SecretKey = "S3RVER";

    private static readonly TimeSpan StartTimeout = TimeSpan.FromMinutes(3);

    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly string _directory = Directory.CreateTempSubdirectory("roomcast-s3rver-").FullName;
    private Process? _process;
    private Uri? _endpoint;

    /// <summary>The server's base URL, e.g. <c>http://127.0.0.1:41234</c>, once it serves.</summary>
    public async Task<Uri> EndpointAsync()
    {
        await _gate.WaitAsync();
        try
        {
            return _endpoint ??= await StartAsync();
        }
        finally
        {
            _gate.Release();
        }
    }

    public S3RecordingStorageOptions Options(Uri endpoint) => new()
    {
        Bucket = Bucket,
        ServiceUrl = endpoint.ToString(),
        AccessKey = AccessKey,
        SecretKey = SecretKey,
        ForcePathStyle = true,
        RequestTimeout = TimeSpan.FromSeconds(10),
    };

    private async Task<Uri> StartAsync()
    {
        var start = new ProcessStartInfo("bash", [Path.Combine(Scripts.RepositoryRoot(), "scripts", "s3rver.sh"), _directory, Bucket])
        {
            WorkingDirectory = Scripts.RepositoryRoot(),
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        _process = Process.Start(start)!;
        var stderr = _process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(StartTimeout);
        try
        {
            while (await _process.StandardOutput.ReadLineAsync(timeout.Token) is { } line)
            {
                const string ready = "s3rver listening ";
                if (line.StartsWith(ready, StringComparison.Ordinal))
                {
                    return new Uri(line[ready.Length..]);
                }
            }
        }
        catch (OperationCanceledException)
        {
            _process.Kill(entireProcessTree: true);
            throw new TimeoutException($"s3rver did not start within {StartTimeout}:\n{await stderr}");
        }
        await _process.WaitForExitAsync();
        throw new InvalidOperationException($"s3rver exited with {_process.ExitCode} before serving:\n{await stderr}");
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        if (_process is { } process)
        {
            if (!process.HasExited)
            {
                // Closing its stdin stops it; the kill is for a server that does not listen.
                process.StandardInput.Close();
                using var wait = new CancellationTokenSource(TimeSpan.FromSeconds(5));
                try
                {
                    await process.WaitForExitAsync(wait.Token);
                }
                catch (OperationCanceledException)
                {
                    process.Kill(entireProcessTree: true);
                }
            }
            process.Dispose();
        }
        try
        {
            Directory.Delete(_directory, recursive: true);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // A temp directory left behind is no failure of the tests.
        }
        _gate.Dispose();
    }
}
