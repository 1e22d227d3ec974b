using Roomcast.Grains.Webhooks;
using Roomcast.Webhooks;

namespace Roomcast.Grains.Tests.Webhooks;

public sealed class InMemoryWebhookOutboxTests : WebhookOutboxContract
{
    protected override Task<IWebhookOutbox> CreateOutboxAsync() => Task.FromResult<IWebhookOutbox>(new InMemoryWebhookOutbox());
}
