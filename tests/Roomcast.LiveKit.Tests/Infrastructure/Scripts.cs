using System.Diagnostics;

namespace Roomcast.LiveKit.Tests.Infrastructure;

/// <summary>The tests that run scripts/ (npm): one at a time, since the first one may be installing packages.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class ScriptsCollection
{
    public const string Name = "Scripts";
}

public static class Scripts
{
    /// <summary>Runs a script of scripts/ from the repository root with extra environment variables.</summary>
    public static async Task<(int ExitCode, string Stdout, string Stderr)> RunAsync(string script, IEnumerable<string> arguments,
        IDictionary<string, string> environment, TimeSpan timeout)
    {
        var root = RepositoryRoot();
        var start = new ProcessStartInfo("bash", [Path.Combine(root, "scripts", script), .. arguments])
        {
            WorkingDirectory = root,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var (name, value) in environment)
        {
            start.Environment[name] = value;
        }
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var cancel = new CancellationTokenSource(timeout);
        try
        {
            await process.WaitForExitAsync(cancel.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{script} ran over {timeout}:\n{await stdout}{await stderr}");
        }
        return (process.ExitCode, await stdout, await stderr);
    }

    public static string RepositoryRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Orleans.sln")))
        {
            dir = dir.Parent;
        }
        return dir?.FullName ?? throw new InvalidOperationException("Orleans.sln not found above " + AppContext.BaseDirectory);
    }
}
