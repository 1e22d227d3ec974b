using System.Text.Json;
using System.Text.Json.Nodes;

// The hot-read baseline: a bare minimal API answering GET /v1/sessions/{id} with the same envelope and
// session JSON that Roomcast returned, from an object held in memory. No auth, no grain call.
var builder = WebApplication.CreateBuilder(args);
var sample = JsonNode.Parse(File.ReadAllText(builder.Configuration["SessionJson"]
    ?? throw new InvalidOperationException("Pass --SessionJson <file> with the data of a Roomcast session.")))!;
var session = JsonSerializer.Deserialize<JsonElement>(sample.ToJsonString());

var app = builder.Build();
app.MapGet("/v1/sessions/{sessionId}", (string sessionId) =>
    TypedResults.Ok(new { success = true, data = session, timestamp = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds() }));
app.Run();
