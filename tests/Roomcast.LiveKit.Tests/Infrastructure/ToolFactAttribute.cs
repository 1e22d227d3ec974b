namespace Roomcast.LiveKit.Tests.Infrastructure;

/// <summary>
/// A fact that runs one of the scripts under scripts/ with outside programs (node, npm): skipped where one of them is
/// not installed, except on CI (<c>CI=true</c>), where it always runs (the script installs what is missing) and fails
/// if it cannot. The same idea as Roomcast.WebApi.Tests' attribute of that name.
/// </summary>
public sealed class ToolFactAttribute : FactAttribute
{
    public ToolFactAttribute(params string[] programs)
    {
        var missing = programs.Where(p => !OnPath(p)).ToList();
        if (missing.Count > 0 && !string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase))
        {
            Skip = $"not installed: {string.Join(", ", missing)} (the script this test runs needs it; CI runs this test)";
        }
    }

    private static bool OnPath(string program) =>
        (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Any(dir => File.Exists(Path.Combine(dir, program)));
}
