using System.Collections.Frozen;
using System.Text.Json;
using System.Text.Json.Serialization;
using Roomcast.Errors;
using Roomcast.WebApi.Infrastructure;

namespace Roomcast.WebApi.Contracts;

/// <summary>
/// The body of <c>PATCH /v1/sessions/{id}</c> (seed 000): only <c>name</c> may change, guarded by <c>change_sequence</c>
/// (or <c>If-Match</c>). Read like every other body; a field of the session that is read-only gets a 400 that says so
/// instead of "not a known field".
/// </summary>
public sealed record UpdateSessionRequest(
    string? Name,
    [property: JsonConverter(typeof(ChangeSequenceConverter))] long? ChangeSequence) : IValidatableRequest
{
    private static readonly FrozenSet<string> ReadOnlyFields = FrozenSet.ToFrozenSet(
    [
        "id", "_id", "room_id", "host_id", "library_id", "description", "type", "state", "visibility", "scheduled_at", "started_at",
        "ended_at", "end_reason", "duration", "timestamp", "settings", "config", "sources", "meta", "product", "user",
        "version", "created_on", "updated_on",
    ]);

    /// <summary>Any other field of the body: never applied, only named in the 400.</summary>
    [JsonExtensionData]
    public Dictionary<string, JsonElement>? OtherFields { get; init; }

    public IEnumerable<FieldError> Validate(RequestValidationContext context)
    {
        foreach (var error in FieldRules.Text("name", Name, CreateSessionRequest.MaxNameLength, required: true)
                     .Concat(FieldRules.ChangeSequence(ChangeSequence)))
        {
            yield return error;
        }

        foreach (var field in OtherFields?.Keys ?? Enumerable.Empty<string>())
        {
            yield return ReadOnlyFields.Contains(field)
                ? new FieldError(field, "is read-only; only name can be changed")
                : new FieldError(field.Length <= 64 ? field : field[..64] + "…", "is not a known field");
        }
    }
}

/// <summary>
/// <c>change_sequence</c> in a body that may leave it out: when present it is a whole number, never <c>null</c>
/// (a null would otherwise read as "no expectation" and skip the concurrency check the client meant to make).
/// </summary>
public sealed class ChangeSequenceConverter : JsonConverter<long?>
{
    public override bool HandleNull => true;

    public override long? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        reader.TokenType == JsonTokenType.Number && reader.TryGetInt64(out var value)
            ? value
            : throw new JsonException("change_sequence must be a whole number.");

    public override void Write(Utf8JsonWriter writer, long? value, JsonSerializerOptions options)
    {
        if (value is { } number)
        {
            writer.WriteNumberValue(number);
        }
        else
        {
            writer.WriteNullValue();
        }
    }
}
