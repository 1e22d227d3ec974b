using System.Text.Json.Nodes;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;
using Roomcast.Sessions;
using Roomcast.WebApi.Contracts;

namespace Roomcast.WebApi.Infrastructure;

/// <summary>
/// Types the query parameters of the listings. <see cref="ListParameters"/> and <see cref="PageParameters"/> bind them
/// as text (so a bad value is a 400 naming it, not a binding failure), which the generator can only call strings; the
/// API's rules are these. Room listings take paging and <c>title</c> only, so the session filters are not offered there.
/// </summary>
public sealed class QueryParameterTransformer : IOpenApiOperationTransformer
{
    private static readonly HashSet<string> SessionFilters = ["state", "type", "host_id", "created_from", "created_to", "scheduled_from", "scheduled_to"];

    private static readonly Dictionary<string, Func<OpenApiSchema>> Schemas = new()
    {
        ["limit"] = () => new() { Type = JsonSchemaType.Integer, Format = "int32", Minimum = "1", Maximum = "100", Default = JsonValue.Create(10) },
        ["type"] = () => new() { Type = JsonSchemaType.String, Enum = ApiEnum.Names<SessionType>().Select(n => (JsonNode)JsonValue.Create(n)).ToList() },
        ["title"] = () => new() { Type = JsonSchemaType.String, MaxLength = CreateSessionRequest.MaxNameLength },
        ["host_id"] = () => new() { Type = JsonSchemaType.String, Format = "uuid" },
        ["created_from"] = () => new() { Type = JsonSchemaType.String, Format = "date-time" },
        ["created_to"] = () => new() { Type = JsonSchemaType.String, Format = "date-time" },
        ["scheduled_from"] = () => new() { Type = JsonSchemaType.String, Format = "date-time" },
        ["scheduled_to"] = () => new() { Type = JsonSchemaType.String, Format = "date-time" },
    };

    private static readonly Dictionary<string, string> Descriptions = new()
    {
        ["limit"] = "Page size, 1 to 100 (default 10).",
        ["start_after"] = "Opaque cursor: the next_cursor of the previous page. Not with end_before.",
        ["end_before"] = "Opaque cursor: the prev_cursor of the previous page. Not with start_after.",
        ["state"] = $"Comma-separated session states ({string.Join(", ", ApiEnum.Names<SessionState>())}), at most {ListParameters.MaxFilterValues}.",
        ["type"] = "Session type.",
        ["title"] = "Case-insensitive part of the title.",
        ["host_id"] = "Only sessions of this host.",
        ["created_from"] = "Created at or after (ISO 8601 with offset).",
        ["created_to"] = "Created before (ISO 8601 with offset).",
        ["scheduled_from"] = "Scheduled at or after (ISO 8601 with offset).",
        ["scheduled_to"] = "Scheduled before (ISO 8601 with offset).",
    };

    public Task TransformAsync(OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken cancellationToken)
    {
        if (operation.Parameters is not { Count: > 0 } parameters)
        {
            return Task.CompletedTask;
        }

        var path = context.Description.RelativePath ?? "";
        var listsRooms = path.TrimEnd('/').EndsWith("rooms", StringComparison.Ordinal) || path.TrimEnd('/').EndsWith("rooms/mine", StringComparison.Ordinal);
        for (var i = parameters.Count - 1; i >= 0; i--)
        {
            if (parameters[i] is not OpenApiParameter { In: ParameterLocation.Query, Name: { } name } parameter)
            {
                continue;
            }

            if (listsRooms && SessionFilters.Contains(name))
            {
                parameters.RemoveAt(i);
                continue;
            }

            if (Schemas.TryGetValue(name, out var schema))
            {
                parameter.Schema = schema();
            }

            parameter.Description ??= Descriptions.GetValueOrDefault(name);
        }

        return Task.CompletedTask;
    }
}
