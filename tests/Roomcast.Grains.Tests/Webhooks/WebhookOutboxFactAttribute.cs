namespace Roomcast.Grains.Tests.Webhooks;

/// <summary>A fact of <see cref="WebhookOutboxContract"/>; in this project it always runs (the outbox is in memory).</summary>
public sealed class WebhookOutboxFactAttribute : FactAttribute;
