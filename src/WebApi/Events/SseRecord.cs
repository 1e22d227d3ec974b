using System.Text;
using Roomcast.Events;

namespace Roomcast.WebApi.Events;

/// <summary>
/// One event in the SSE wire format, encoded once per API node: a thousand clients of a session share these bytes
/// instead of each formatting the same text.
/// </summary>
public sealed record SseRecord(SessionEvent Event, ReadOnlyMemory<byte> Bytes)
{
    public static SseRecord Of(SessionEvent sessionEvent) => new(sessionEvent, Encode(sessionEvent.Id, sessionEvent.Type, sessionEvent.Data));

    public static ReadOnlyMemory<byte> Encode(string? id, string type, string data)
    {
        var record = new StringBuilder();
        if (id is not null)
        {
            record.Append("id: ").Append(id).Append('\n');
        }

        record.Append("event: ").Append(type).Append('\n').Append("data: ").Append(data).Append("\n\n");
        return Encoding.UTF8.GetBytes(record.ToString());
    }
}
