namespace Roomcast.WebApi.Tests.Webhooks;

public sealed record LiveKitWebhookDto(string Event, string? EventId, string Outcome);
