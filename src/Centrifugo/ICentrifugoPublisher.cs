using System.Text.Json.Nodes;

namespace Roomcast.Centrifugo;

/// <summary>Centrifugo's server API, as far as Roomcast uses it: publishing into a channel.</summary>
public interface ICentrifugoPublisher
{
    /// <summary>Publishes <paramref name="data"/> into <paramref name="channel"/>; throws <see cref="CentrifugoPublishException"/> when Centrifugo refuses or cannot be reached.</summary>
    Task PublishAsync(string channel, JsonNode data, CancellationToken cancellationToken);
}
