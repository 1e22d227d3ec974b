using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using StandardWebhooks;

namespace Roomcast.Grains.Tests.Webhooks;

/// <summary>
/// A webhook receiver on 127.0.0.1 (Kestrel, in process): records every request, answers 500 to the first
/// <see cref="FailFirst"/> and 204 after. <see cref="SignatureValid"/> checks a request with the StandardWebhooks package.
/// </summary>
public sealed class WebhookReceiver : IAsyncDisposable
{
    private readonly WebApplication _app;
    private int _seen;

    private WebhookReceiver(WebApplication app) => _app = app;

    public sealed record Received(string Id, string Timestamp, string Signature, string Body, int Answer);

    public ConcurrentQueue<Received> Requests { get; } = new();

    public int FailFirst { get; set; }

    public string Url => _app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First() + "/hooks";

    public static async Task<WebhookReceiver> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var receiver = new WebhookReceiver(app);
        app.MapPost("/hooks", async (HttpRequest request) =>
        {
            var body = await new StreamReader(request.Body).ReadToEndAsync();
            var answer = Interlocked.Increment(ref receiver._seen) <= receiver.FailFirst ? 500 : 204;
            receiver.Requests.Enqueue(new Received(request.Headers["webhook-id"].ToString(), request.Headers["webhook-timestamp"].ToString(),
                request.Headers["webhook-signature"].ToString(), body, answer));
            return Results.StatusCode(answer);
        });
        await app.StartAsync();
        return receiver;
    }

    /// <summary>
    /// True when one of the request's signatures is the one StandardWebhooks computes with this secret. Compared to
    /// the package's own signature rather than through its Verify: that checks the timestamp against the real clock
    /// (these tests run on a fake one), and reads only the first of several signatures.
    /// </summary>
    public static bool SignatureValid(Received request, string secret)
    {
        var expected = new StandardWebhook(secret).Sign(request.Id, DateTimeOffset.FromUnixTimeSeconds(long.Parse(request.Timestamp, System.Globalization.CultureInfo.InvariantCulture)), request.Body);
        return request.Signature.Split(' ').Contains(expected, StringComparer.Ordinal);
    }

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();
}
