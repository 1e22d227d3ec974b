using System.Text.Json;

namespace Roomcast.Events;

/// <summary>
/// Something that happened in a live session, for its event stream, before the session's event hub gives it an id.
/// <see cref="Data"/> is the JSON object clients receive (snake_case), written by the publisher.
/// </summary>
/// <param name="Subject">The person the event is about, when there is one (a ban closes that person's stream).</param>
/// <param name="Key">What the event shows (a chat message's id), so that a later event can retract it.</param>
/// <param name="Retracts">The key of earlier events to drop from the replay window (a deleted message is not replayed).</param>
/// <param name="SessionOver">The session has ended, expired or been cancelled with this event: a hub nobody is subscribed to
/// need not stay in memory for it (most sessions that expire unstarted were never watched).</param>
[GenerateSerializer, Immutable, Alias("Roomcast.SessionEventDraft")]
public sealed record SessionEventDraft(
    [property: Id(0)] string Type,
    [property: Id(1)] string Data,
    [property: Id(2)] Guid? Subject = null,
    [property: Id(3)] string? Key = null,
    [property: Id(4)] string? Retracts = null,
    [property: Id(5)] bool SessionOver = false)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        DictionaryKeyPolicy = JsonNamingPolicy.SnakeCaseLower,
    };

    public static SessionEventDraft Of(string type, object data, Guid? subject = null) =>
        new(type, JsonSerializer.Serialize(data, data.GetType(), Json), subject);
}
