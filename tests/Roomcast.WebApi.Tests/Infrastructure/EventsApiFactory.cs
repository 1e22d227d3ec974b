namespace Roomcast.WebApi.Tests.Infrastructure;

/// <summary>The API with a fast heartbeat and a small per-client buffer, so the event-stream tests see both quickly.</summary>
public sealed class EventsApiFactory : RoomcastApiFactory
{
    public const int ClientBuffer = 16;

    protected override IEnumerable<KeyValuePair<string, string>> ExtraSettings =>
    [
        new("Events:HeartbeatInterval", "00:00:00.200"),
        new("Events:ClientBuffer", ClientBuffer.ToString(System.Globalization.CultureInfo.InvariantCulture)),
    ];
}
