using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.FileProviders;

var builder = WebApplication.CreateBuilder(args);

// The file-serving baseline (--StaticRoot <dir>): Kestrel's static files over the directory that holds Roomcast's
// recording files, so both serve the very same file (whole, or a range). No auth, no signature, no grain call.
if (builder.Configuration["StaticRoot"] is { } staticRoot)
{
    var files = builder.Build();
    files.UseStaticFiles(new StaticFileOptions { FileProvider = new PhysicalFileProvider(Path.GetFullPath(staticRoot)) });
    files.Run();
    return;
}

// The hot-read baseline: a bare minimal API answering GET /v1/sessions/{id} with the same envelope and
// session JSON that Roomcast returned, from an object held in memory. No auth, no grain call.
var sample = JsonNode.Parse(File.ReadAllText(builder.Configuration["SessionJson"]
    ?? throw new InvalidOperationException("Pass --SessionJson <file> with the data of a Roomcast session, or --StaticRoot <dir>.")))!;
var session = JsonSerializer.Deserialize<JsonElement>(sample.ToJsonString());

var app = builder.Build();
app.MapGet("/v1/sessions/{sessionId}", (string sessionId) =>
    TypedResults.Ok(new { success = true, data = session, timestamp = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds() }));
app.Run();
