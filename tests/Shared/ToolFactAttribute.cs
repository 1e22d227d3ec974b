namespace Roomcast.Testing;

/// <summary>
/// A fact that runs one of the scripts under scripts/ with outside programs (npm, node, curl, jq...): skipped where one
/// of them is not installed, except on CI (<c>CI=true</c>), where it always runs (a script installs what it can) and
/// fails if a program is still missing.
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
