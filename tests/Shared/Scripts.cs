using System.Diagnostics;

namespace Roomcast.Testing;

/// <summary>Runs the scripts under scripts/ as tests do: from the repository root, bounded in time, output captured.</summary>
public static class Scripts
{
    /// <summary>Runs a script of scripts/ from the repository root; its exit code and everything it printed.</summary>
    public static async Task<(int ExitCode, string Log)> RunAsync(string script, IEnumerable<string> arguments, TimeSpan timeout)
    {
        var (exitCode, stdout, stderr) = await RunAsync(script, arguments, new Dictionary<string, string>(), timeout);
        return (exitCode, stdout + stderr);
    }

    /// <summary>Runs a script with extra environment variables (secrets stay off the command line); stdout and stderr apart.</summary>
    public static async Task<(int ExitCode, string Stdout, string Stderr)> RunAsync(string script, IEnumerable<string> arguments,
        IReadOnlyDictionary<string, string> environment, TimeSpan timeout)
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
