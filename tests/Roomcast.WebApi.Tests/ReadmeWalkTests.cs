using Roomcast.WebApi.Tests.Infrastructure;
using Xunit.Abstractions;

namespace Roomcast.WebApi.Tests;

/// <summary>
/// The README's curl walks run top to bottom as written (scripts/readme-walk.sh) against this build of the API on
/// loopback ports: a walk that only works when read, not when copied, fails here.
/// </summary>
[Collection(ScriptsCollection.Name)]
public sealed class ReadmeWalkTests(ITestOutputHelper output)
{
    [ToolFact("curl", "jq", "node")]
    public async Task TheReadmeCurlWalksRunTopToBottom()
    {
        var dll = Path.Combine(AppContext.BaseDirectory, "Roomcast.WebApi.dll");
        var (exitCode, log) = await Scripts.RunAsync("readme-walk.sh", ["--dll", dll], TimeSpan.FromMinutes(4));
        output.WriteLine(log);
        Assert.True(exitCode == 0, $"readme-walk.sh exited {exitCode}:\n{log}");
        Assert.Contains("==> README walks passed", log);
        Assert.Contains("\"unauthorized\"", log);
    }
}
