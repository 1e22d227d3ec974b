using System.Diagnostics.Metrics;
using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Roomcast.Centrifugo;
using Roomcast.Events;
using Roomcast.WebApi.Tests.Infrastructure;

namespace Roomcast.WebApi.Tests.Centrifugo;

/// <summary>Publishing to Centrifugo is best effort: it never holds up or fails what caused the event.</summary>
[Collection(CentrifugoCollection.Name)]
public sealed class CentrifugoPublishingTests(CentrifugoApiFactory api)
{
    private static CentrifugoSessionEventQueue Queue(CentrifugoOptions options)
    {
        var meters = new ServiceCollection().AddMetrics().BuildServiceProvider().GetRequiredService<IMeterFactory>();
        return new CentrifugoSessionEventQueue(Options.Create(options), meters);
    }

    private static SessionEvent Event(string id) => new(id, "chat.message", "{\"text\":\"hi\"}", DateTimeOffset.UnixEpoch, null);

    [Fact]
    public void AFullQueueDropsTheNewEventAndCountsItAndADisabledOneTakesNothing()
    {
        var full = Queue(new CentrifugoOptions { ApiUrl = "http://centrifugo:8000", ApiKey = "key", QueueCapacity = 1 });
        var disabled = Queue(new CentrifugoOptions());

        Assert.True(full.Offer(Guid.NewGuid(), Event("1-1")));
        Assert.False(full.Offer(Guid.NewGuid(), Event("1-2")));
        Assert.Equal(1, full.Dropped);
        Assert.False(disabled.Enabled);
        Assert.False(disabled.Offer(Guid.NewGuid(), Event("1-1")));
        Assert.Equal(0, disabled.Dropped);
    }

    [Fact]
    public async Task AChatMessageSucceedsWhileCentrifugoIsDownAndTheNextOneIsPublishedWhenItIsBack()
    {
        var (host, _, session) = await api.CreateHostWithSessionAsync();
        await api.StartSessionAsync(host, session.Id);
        var channel = $"session:{session.Id}";
        api.Centrifugo.Down = true;
        try
        {
            await (await host.Client.PostAsync($"/v1/sessions/{session.Id}/chat", ApiJson.Body(new { Text = "while down" })))
                .ShouldSucceedAsync(HttpStatusCode.Created);
            await Eventually.MatchAsync(() => Task.FromResult(api.Centrifugo.Refused), refused => refused.Any(p => p.Channel == channel
                    && p.Data.GetProperty("data").TryGetProperty("text", out var text) && text.GetString() == "while down"),
                TimeSpan.FromSeconds(10), "the message's publish to reach the Centrifugo that is down");
        }
        finally
        {
            api.Centrifugo.Down = false;
        }

        await (await host.Client.PostAsync($"/v1/sessions/{session.Id}/chat", ApiJson.Body(new { Text = "back" })))
            .ShouldSucceedAsync(HttpStatusCode.Created);
        var texts = await Eventually.MatchAsync(
            () => Task.FromResult(api.Centrifugo.Publications.Where(p => p.Channel == channel && p.Data.GetProperty("type").GetString() == "chat.message")
                .Select(p => p.Data.GetProperty("data").GetProperty("text").GetString()).ToList()),
            list => list.Contains("back"), TimeSpan.FromSeconds(20), "the message sent after Centrifugo came back");
        Assert.DoesNotContain("while down", texts); // at most once: a refused publish is not retried
    }
}
