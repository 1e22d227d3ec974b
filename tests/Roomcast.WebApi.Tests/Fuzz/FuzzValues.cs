using System.Text;
using System.Text.Json;

namespace Roomcast.WebApi.Tests.Fuzz;

/// <summary>The values the fuzz suite draws from: valid by field name, at the boundaries, and hostile (as raw JSON).</summary>
public static class FuzzValues
{
    /// <summary>Raw JSON values of the wrong type or with text no field should take.</summary>
    public static readonly string[] HostileJson =
    [
        "null", "0", "-1", "-0", "1.5", "1e309", "-9223372036854775809", "9223372036854775808", "true", "false", "[]", "{}", "[1,2,3]",
        "{\"a\": {\"b\": {}}}", "\"\"", "\" \"", "\"\\ud800\"", "\"x\\udc00y\"", "\"\\u200b\\u200b\"", "\"\\u0301\"", "\"\\u0000\"",
        "\"a\\u0007b\"", "\"\\u202eevil\"", "\"\\ufeff\"", "\"\\ud83c\\udfa5\"", "\"line\\nbreak\"", "\"' OR 1=1 --\"",
        "\"<script>alert(1)</script>\"", "\"../../etc/passwd\"", "\"%s%s%n%x\"", "\"{0}\"", "\"2026-02-30T00:00:00Z\"",
        "\"0000-00-00\"", "\"9999-12-31T23:59:59+14:00\"", "\"0001-01-01T00:00:00Z\"", "\"1e10\"", "\"NaN\"", "\"Infinity\"",
        "\"00000000-0000-0000-0000-000000000000\"", "\"not-a-uuid\"", "\"LIVE\"", "\"admin\"", "{\"$ref\": \"#/x\"}",
        "\"" + new string('x', 5000) + "\"", "\"" + string.Concat(Enumerable.Repeat("\\u00e9", 300)) + "\"",
        new string('[', 100) + new string(']', 100),
    ];

    /// <summary>Field names a body should not take: internal names, prototype keys, odd unicode, near-duplicates.</summary>
    public static readonly string[] UnknownKeys =
    [
        "parsed_type", "parsed_role", "parsed_ids", "__proto__", "constructor", "\\ud800", "", " ", "Name", "NAME", "id",
        "change_sequence ", "name\\u0000", "\\u200bname", "x", "$type", "settings.chat_enabled",
    ];

    /// <summary>Bodies that are not the JSON object a route expects (as bytes, some not even UTF-8).</summary>
    public static readonly byte[][] MalformedBodies =
    [
        [], "{"u8.ToArray(), "}"u8.ToArray(), "["u8.ToArray(), "{\"a\":}"u8.ToArray(), "nul"u8.ToArray(), "{\"name\": \"x\""u8.ToArray(),
        "[]"u8.ToArray(), "null"u8.ToArray(), "\"str\""u8.ToArray(), "1"u8.ToArray(), "{\"name\": \"x\",}"u8.ToArray(),
        "{'name': 'x'}"u8.ToArray(), [0xEF, 0xBB, 0xBF, .. "{}"u8], [.. "{\"name\": \""u8, 0xC3, 0x28, 0xFF, 0xFE, .. "\"}"u8],
        [0xFF, 0xFE, 0x7B, 0x00, 0x7D, 0x00], Encoding.UTF8.GetBytes(new string('[', 5000)), "{\"a\": 1} {\"b\": 2}"u8.ToArray(),
        "{\"name\": \"x\", \"name\": \"y\"}"u8.ToArray(), "\u0000"u8.ToArray(),
    ];

    public static readonly string[] ContentTypes =
    [
        "application/json; charset=utf-7", "application/json; charset=bogus", "application/json; charset=utf-16",
        "application/json; charset=\"\"", "text/plain", "application/x-www-form-urlencoded", "multipart/form-data; boundary=x",
        "application/xml", "application/json; charset=utf-8; charset=latin1", "*/*", "",
    ];

    /// <summary>Path segments where an id goes (already escaped for a URL; no %00, which Kestrel refuses in the request line).</summary>
    public static readonly string[] OddIds =
    [
        "not-a-uuid", "00000000-0000-0000-0000-000000000000", "%F0%9F%8E%A5", "..%2F..%2Fetc", new string('9', 300), "-1",
        "%7BsessionId%7D", "%E2%80%8B", "%ED%A0%80", "00000000000000000000000000000000", "{00000000-0000-0000-0000-000000000001}",
        "%20", "null", "undefined",
    ];

    /// <summary>Query values (already escaped for a URL).</summary>
    public static readonly string[] OddQueryValues =
    [
        "", "-1", "0", "101", "99999999999999999999", "1.5", "%00", "%ED%A0%80", "%E2%80%8B", "%27%20OR%201%3D1%20--",
        string.Join(",", Enumerable.Repeat("live", 200)), string.Join(",", Enumerable.Repeat("nope", 50)), "live,,,", ",",
        "0001-01-01", "9999-12-31T23:59:59Z", "2026-02-30", "tomorrow", "not-a-uuid", new string('a', 3000), "%FF%FE",
        "scheduled,live,ended,cancelled,expired", "LIVE",
    ];

    /// <summary>One request header with a value no client should send (credentials, preconditions, negotiation).</summary>
    public static readonly (string Name, string Value)[] OddHeaders =
    [
        ("If-Match", "\"abc\""), ("If-Match", "W/\"-1\""), ("If-Match", "*"), ("If-Match", "\"99999999999999999999\""),
        ("If-Match", "\"1\", \"2\""), ("If-Match", new string('9', 2000)), ("x-api-key", "rk_garbage"), ("x-api-key", ""),
        ("x-api-key", new string('k', 5000)), ("Authorization", "Bearer " + new string('a', 5000)), ("Authorization", "Bearer a.b.c"),
        ("Authorization", "Basic YWRtaW46YWRtaW4="), ("Authorization", "Bearer"), ("Accept", "application/xml"),
        ("Accept-Charset", "utf-7"), ("X-Forwarded-For", "not-an-ip"),
    ];

    /// <summary>A JSON value for a field that a well-behaved client would send, chosen by name and schema.</summary>
    public static string Valid(string name, JsonElement schema, FuzzIds ids)
    {
        var format = schema.TryGetProperty("format", out var f) ? f.GetString() : null;
        string Quote(string s) => JsonSerializer.Serialize(s);
        return name switch
        {
            "user_id" => Quote(ids.UserId.ToString()),
            "library_id" => Quote(ids.LibraryId.ToString()),
            "ids" => $"[{Quote(ids.SessionId.ToString())}, {Quote(Guid.NewGuid().ToString())}]",
            "visibility" => Quote("public"),
            "type" => Quote("broadcast"),
            "role" => Quote("viewer"),
            "email" => Quote($"fuzz-{Guid.NewGuid():N}@tests.roomcast.local"),
            "password" => Quote("password-fuzz-123"),
            "scheduled_at" => Quote(DateTimeOffset.UtcNow.AddHours(2).ToString("O")),
            "change_sequence" => "1",
            "max_duration_seconds" => "600",
            "max_stage_participants" => "2",
            "product" => Quote("standard"),
            _ when format == "uuid" => Quote(ids.SessionId.ToString()),
            _ when format == "date-time" => Quote(DateTimeOffset.UtcNow.AddHours(2).ToString("O")),
            _ when Has(schema, "boolean") => "true",
            _ when Has(schema, "integer") || Has(schema, "number") => "1",
            _ when Has(schema, "array") => "[]",
            _ => Quote("Fuzz " + name),
        };
    }

    /// <summary>A JSON value at or just past a boundary of the field.</summary>
    public static string Boundary(string name, JsonElement schema, Random random)
    {
        if (Has(schema, "integer") || Has(schema, "number"))
        {
            return Pick(random, ["0", "1", "-1", "2147483647", "2147483648", "9223372036854775807", "100", "101", "172801", "14401"]);
        }

        if (Has(schema, "boolean"))
        {
            return Pick(random, ["true", "false", "null"]);
        }

        if (schema.TryGetProperty("format", out var format) && format.GetString() == "date-time")
        {
            return JsonSerializer.Serialize(Pick(random,
            [
                DateTimeOffset.UtcNow.AddMinutes(-2).ToString("O"), DateTimeOffset.UtcNow.AddYears(5).AddDays(1).ToString("O"),
                DateTimeOffset.UtcNow.ToString("O"), "2026-12-01T18:00:00", "2026-12-01", "2026-12-01T18:00:00.1234567+14:00",
            ]));
        }

        if (Has(schema, "array"))
        {
            return "[" + string.Join(",", Enumerable.Range(0, Pick(random, [0, 1, 100, 101, 1000])).Select(_ => $"\"{Guid.NewGuid()}\"")) + "]";
        }

        var length = Pick(random, [0, 1, 64, 65, 100, 101, 200, 201, 256, 257, 320, 321, 4000, 4001]);
        return JsonSerializer.Serialize(new string(Pick(random, ['x', 'é', ' ']), length));
    }

    public static bool Has(JsonElement schema, string type) =>
        schema.TryGetProperty("type", out var t) && (t.ValueKind == JsonValueKind.String
            ? t.GetString() == type
            : t.ValueKind == JsonValueKind.Array && t.EnumerateArray().Any(x => x.GetString() == type));

    public static T Pick<T>(Random random, IReadOnlyList<T> items) => items[random.Next(items.Count)];
}

/// <summary>Real ids made in the fuzz suite's setup, substituted for path parameters half of the time.</summary>
public sealed record FuzzIds(Guid LibraryId, Guid RoomId, Guid SessionId, Guid UserId, Guid KeyId)
{
    public string? For(string parameter) => parameter switch
    {
        "libraryId" => LibraryId.ToString(),
        "roomId" => RoomId.ToString(),
        "sessionId" => SessionId.ToString(),
        "userId" => UserId.ToString(),
        "keyId" => KeyId.ToString(),
        _ => null,
    };
}
