using System.Text.Json;

namespace Roomcast.LiveKit;

/// <summary>
/// Reading LiveKit's answers tolerantly: a field under its proto name (snake_case) or protojson's lowerCamelCase,
/// int64 as a JSON string or number, JSON null as absent.
/// </summary>
internal static class LiveKitJson
{
    public static bool TryGet(JsonElement obj, string snake, string camel, out JsonElement value)
    {
        value = default;
        return obj.ValueKind == JsonValueKind.Object
            && (obj.TryGetProperty(snake, out value) || obj.TryGetProperty(camel, out value))
            && value.ValueKind != JsonValueKind.Null;
    }

    public static string? ReadString(JsonElement obj, string snake, string camel) =>
        TryGet(obj, snake, camel, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;

    public static bool ReadBool(JsonElement obj, string snake, string camel) =>
        TryGet(obj, snake, camel, out var v) && v.ValueKind == JsonValueKind.True;

    // protojson writes 64-bit integers as strings ("1700000000"), 32-bit ones as numbers; both are read.
    public static long? ReadInt64(JsonElement obj, string snake, string camel)
    {
        if (!TryGet(obj, snake, camel, out var v))
        {
            return null;
        }
        return v.ValueKind switch
        {
            JsonValueKind.Number when v.TryGetInt64(out var n) => n,
            JsonValueKind.String when long.TryParse(v.GetString(), out var n) => n,
            _ => null,
        };
    }

    /// <summary>An enum field: its name as protojson writes it, or its number mapped through <paramref name="names"/>.</summary>
    public static string? ReadEnum(JsonElement obj, string snake, string camel, IReadOnlyList<string> names)
    {
        if (!TryGet(obj, snake, camel, out var v))
        {
            return null;
        }
        return v.ValueKind switch
        {
            JsonValueKind.String => v.GetString(),
            JsonValueKind.Number when v.TryGetInt32(out var n) && n >= 0 && n < names.Count => names[n],
            _ => v.ToString(),
        };
    }
}
