using System.Text.Json.Nodes;

namespace Roomcast.Centrifugo;

/// <summary>The publisher when <c>Centrifugo:ApiUrl</c> is unset: publishing is off, nothing is sent.</summary>
public sealed class DisabledCentrifugoPublisher : ICentrifugoPublisher
{
    public Task PublishAsync(string channel, JsonNode data, CancellationToken cancellationToken) => Task.CompletedTask;
}
