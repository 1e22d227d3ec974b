using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Roomcast.WebApi.Tests.Infrastructure;

/// <summary>
/// A stand-in for Centrifugo's server HTTP API on 127.0.0.1 (a free port): <c>POST /api/publish</c> with the key in
/// <c>X-API-Key</c>, answering as Centrifugo does (<c>{"result": {}}</c>, or 401 for a wrong key). Every publish with
/// the right key is recorded (<see cref="Publications"/>).
/// </summary>
public sealed class FakeCentrifugoServer : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentQueue<FakeCentrifugoPublication> _publications = new();

    private FakeCentrifugoServer(WebApplication app, string apiKey)
    {
        _app = app;
        ApiKey = apiKey;
    }

    /// <summary>The http base URL (<c>Centrifugo:ApiUrl</c>).</summary>
    public string Url { get; private set; } = "";

    /// <summary>The server API key (<c>Centrifugo:ApiKey</c>).</summary>
    public string ApiKey { get; }

    /// <summary>Every accepted publish, in arrival order.</summary>
    public IReadOnlyList<FakeCentrifugoPublication> Publications => _publications.ToArray();

    /// <summary>How many requests were refused for a wrong or missing key.</summary>
    public int Unauthorized => _unauthorized;

    private int _unauthorized;
    private readonly ConcurrentQueue<FakeCentrifugoPublication> _refused = new();

    /// <summary>While true, every publish is answered 503 (a Centrifugo that is down) and kept in <see cref="Refused"/>.</summary>
    public bool Down { get; set; }

    /// <summary>The publishes answered 503 while <see cref="Down"/>.</summary>
    public IReadOnlyList<FakeCentrifugoPublication> Refused => _refused.ToArray();

    public static async Task<FakeCentrifugoServer> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var app = builder.Build();
        var server = new FakeCentrifugoServer(app, "fake-" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(8)));
        app.MapPost("/api/publish", (Func<HttpContext, Task<IResult>>)server.PublishAsync);
        await app.StartAsync();
        server.Url = app.Urls.Single();
        return server;
    }

    private async Task<IResult> PublishAsync(HttpContext context)
    {
        if (context.Request.Headers["X-API-Key"].ToString() != ApiKey)
        {
            Interlocked.Increment(ref _unauthorized);
            return Results.Text("Unauthorized", statusCode: StatusCodes.Status401Unauthorized);
        }

        using var body = await JsonDocument.ParseAsync(context.Request.Body);
        var root = body.RootElement;
        if (!root.TryGetProperty("channel", out var channel) || channel.ValueKind != JsonValueKind.String
            || !root.TryGetProperty("data", out var data))
        {
            // Centrifugo answers a command it cannot run with 200 and an error (107: bad request).
            return Results.Json(new { error = new { code = 107, message = "bad request" } });
        }

        var publication = new FakeCentrifugoPublication(channel.GetString()!, data.Clone());
        if (Down)
        {
            _refused.Enqueue(publication);
            return Results.StatusCode(StatusCodes.Status503ServiceUnavailable);
        }

        _publications.Enqueue(publication);
        return Results.Json(new { result = new { } });
    }

    public async ValueTask DisposeAsync()
    {
        using (var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(2)))
        {
            await _app.StopAsync(timeout.Token);
        }
        await _app.DisposeAsync();
    }
}

public sealed record FakeCentrifugoPublication(string Channel, JsonElement Data);

/// <summary>The API with its silo publishing session events to a <see cref="FakeCentrifugoServer"/>.</summary>
public sealed class CentrifugoApiFactory : RoomcastApiFactory
{
    private FakeCentrifugoServer? _centrifugo;

    public FakeCentrifugoServer Centrifugo => _centrifugo ?? throw new InvalidOperationException("The fake Centrifugo server starts in InitializeAsync.");

    protected override IEnumerable<KeyValuePair<string, string>> ExtraSettings =>
    [
        new("Centrifugo:ApiUrl", Centrifugo.Url),
        new("Centrifugo:ApiKey", Centrifugo.ApiKey),
    ];

    public override async Task InitializeAsync()
    {
        _centrifugo = await FakeCentrifugoServer.StartAsync();
        await base.InitializeAsync();
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        if (_centrifugo is not null)
        {
            await _centrifugo.DisposeAsync();
        }
    }
}

[CollectionDefinition(Name)]
public sealed class CentrifugoCollection : ICollectionFixture<CentrifugoApiFactory>
{
    public const string Name = "Centrifugo";
}
