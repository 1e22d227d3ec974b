using Roomcast.WebApi.Tests.Infrastructure;
using Xunit.Abstractions;

namespace Roomcast.WebApi.Tests.ClientWalk;

/// <summary>
/// scripts/generate-clients.sh on this app's own document: the document lints without errors, the checked-in Kiota
/// client (what <see cref="ClientWalkTests"/> compiles against) is what the document generates today, and the
/// TypeScript types come out and type-check.
/// </summary>
[Collection(ScriptsCollection.Name)]
public sealed class GeneratedClientsTests(RoomcastApiFactory api, ITestOutputHelper output)
{
    /// <summary>Runs the script as a developer would, on this app's document: lint, C# (compared with the checked-in copy), TypeScript.</summary>
    [ToolFact("npm", "node")]
    public async Task GeneratedClientsAreCurrentAndTheDocumentLintsWithoutErrors()
    {
        var work = Directory.CreateTempSubdirectory("roomcast-clients-");
        try
        {
            var spec = Path.Combine(work.FullName, "openapi.json");
            await File.WriteAllTextAsync(spec, await api.Anonymous().GetStringAsync("/openapi/v1.json"));
            var (exitCode, log) = await Scripts.RunAsync(
                "generate-clients.sh", ["--spec", spec, "--out", Path.Combine(work.FullName, "out"), "--check"], TimeSpan.FromMinutes(8));
            output.WriteLine(log);

            Assert.True(exitCode == 0, $"generate-clients.sh --check exited {exitCode}:\n{log}");
            Assert.Contains("Your API description is valid", log);
            Assert.Contains("is current", log);
            Assert.True(File.Exists(Path.Combine(work.FullName, "out", "typescript", "roomcast-api.ts")));
        }
        finally
        {
            work.Delete(recursive: true);
        }
    }

}
