namespace Roomcast.WebApi.Tests.Infrastructure;

/// <summary>
/// A fact that runs the npm and dotnet tools of scripts/generate-clients.sh: skipped where <c>npm</c> is not installed,
/// except on CI (<c>CI=true</c>), where it always runs and fails if the tools cannot be had.
/// </summary>
public sealed class ToolFactAttribute : FactAttribute
{
    public ToolFactAttribute()
    {
        if (!string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase) && !OnPath("npm"))
        {
            Skip = "npm is not installed: scripts/generate-clients.sh needs it for openapi-typescript and @redocly/cli (CI runs this test)";
        }
    }

    private static bool OnPath(string program) =>
        (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Any(dir => File.Exists(Path.Combine(dir, program)));
}
