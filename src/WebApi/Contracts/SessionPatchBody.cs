using System.Text.Json;
using Roomcast.Errors;

namespace Roomcast.WebApi.Contracts;

/// <summary>
/// The body of <c>PATCH /v1/sessions/{id}</c> (seed 000): only <c>name</c> may change. Read field by field
/// so that a read-only field gets a 400 that names it, instead of being silently ignored.
/// </summary>
public sealed record SessionPatchBody(string Name, long? ChangeSequence)
{
    private static readonly HashSet<string> ReadOnlyFields =
    [
        "id", "_id", "room_id", "host_id", "description", "type", "state", "visibility", "scheduled_at", "started_at",
        "ended_at", "end_reason", "duration", "timestamp", "settings", "config", "sources", "meta", "product", "user",
        "version", "created_on", "updated_on",
    ];

    public static SessionPatchBody Parse(JsonElement body)
    {
        if (body.ValueKind != JsonValueKind.Object)
        {
            throw RoomcastException.Invalid("body", "The body must be a JSON object such as {\"name\": \"New name\"}.");
        }

        var errors = new List<FieldError>();
        string? name = null;
        long? changeSequence = null;
        foreach (var property in body.EnumerateObject())
        {
            switch (property.Name)
            {
                case "name" when property.Value.ValueKind == JsonValueKind.String:
                    name = property.Value.GetString();
                    break;
                case "name":
                    errors.Add(new FieldError("name", "must be a string"));
                    break;
                case "change_sequence" when property.Value.TryGetInt64(out var sequence) && sequence > 0:
                    changeSequence = sequence;
                    break;
                case "change_sequence":
                    errors.Add(new FieldError("change_sequence", "must be a positive number"));
                    break;
                case var field when ReadOnlyFields.Contains(field):
                    errors.Add(new FieldError(field, "is read-only; only name can be changed"));
                    break;
                case var field:
                    errors.Add(new FieldError(field, "is not a known field"));
                    break;
            }
        }

        if (name is null && !errors.Any(e => e.Field == "name"))
        {
            errors.Add(new FieldError("name", "is required"));
        }
        else if (name is not null && string.IsNullOrWhiteSpace(name))
        {
            errors.Add(new FieldError("name", "must not be blank"));
        }
        else if (name is { Length: > CreateSessionRequest.MaxNameLength })
        {
            errors.Add(new FieldError("name", $"must be at most {CreateSessionRequest.MaxNameLength} characters (got {name.Length})"));
        }

        return errors.Count > 0 ? throw RoomcastException.Invalid(errors) : new SessionPatchBody(name!, changeSequence);
    }
}
