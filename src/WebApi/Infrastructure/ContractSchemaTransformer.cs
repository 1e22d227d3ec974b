using System.Runtime.CompilerServices;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace Roomcast.WebApi.Infrastructure;

/// <summary>
/// Makes the object schemas say what the API does, which the generator cannot see from <c>string?</c> records:
/// <list type="bullet">
/// <item>Request bodies (<see cref="IValidatableRequest"/>): <c>required</c> lists exactly the fields validation
/// requires, found by validating an empty body, so document and validation cannot drift; no field is nullable (null and
/// absent mean the same to every request, so clients just leave a field out).</item>
/// <item>Responses: every field is always written, so all are required, except the ones written only when set
/// (<c>JsonIgnore(WhenWritingNull)</c>).</item>
/// <item>Both: a string marked with <see cref="EnumValuesAttribute"/> lists its values (plus null where nullable).</item>
/// </list>
/// </summary>
public sealed class ContractSchemaTransformer : IOpenApiSchemaTransformer
{
    public Task TransformAsync(OpenApiSchema schema, OpenApiSchemaTransformerContext context, CancellationToken cancellationToken)
    {
        var type = context.JsonTypeInfo;
        if (type.Kind != JsonTypeInfoKind.Object || schema.Properties is null
            || type.Type.Namespace?.StartsWith("Roomcast", StringComparison.Ordinal) != true)
        {
            return Task.CompletedTask;
        }

        var isRequest = typeof(IValidatableRequest).IsAssignableFrom(type.Type);
        var required = isRequest
            ? RequiredByValidation(type.Type, context.ApplicationServices)
            : type.Properties.Where(p => !WrittenOnlyWhenSet(p)).Select(p => p.Name).ToHashSet();
        schema.Required = new HashSet<string>(schema.Properties.Keys.Where(required.Contains), StringComparer.Ordinal);

        foreach (var property in type.Properties)
        {
            if (!schema.Properties.TryGetValue(property.Name, out var propertySchema))
            {
                continue;
            }

            if (isRequest)
            {
                schema.Properties[property.Name] = propertySchema = NotNullable(propertySchema);
            }

            if (property.AttributeProvider?.GetCustomAttributes(typeof(EnumValuesAttribute), inherit: true)
                    .OfType<EnumValuesAttribute>().FirstOrDefault() is { } values
                && propertySchema is OpenApiSchema concrete)
            {
                var nullable = concrete.Type?.HasFlag(JsonSchemaType.Null) == true;
                concrete.Enum = values.Names.Select(n => (JsonNode)JsonValue.Create(n)).ToList();
                if (nullable)
                {
                    concrete.Enum.Add(null!);
                }
            }
        }

        return Task.CompletedTask;
    }

    private static bool WrittenOnlyWhenSet(JsonPropertyInfo property) =>
        property.AttributeProvider?.GetCustomAttributes(typeof(JsonIgnoreAttribute), inherit: true)
            .OfType<JsonIgnoreAttribute>().Any(a => a.Condition is JsonIgnoreCondition.WhenWritingNull or JsonIgnoreCondition.WhenWritingDefault) == true;

    /// <summary>The fields an empty body is told "is required" for: the validation rules are the source of truth.</summary>
    private static HashSet<string> RequiredByValidation(Type type, IServiceProvider services)
    {
        var empty = (IValidatableRequest)RuntimeHelpers.GetUninitializedObject(type);
        var context = services.GetRequiredService<RequestValidationContext>();
        return empty.Validate(context)
            .Where(e => e.Message.StartsWith("is required", StringComparison.Ordinal) && !e.Field.Contains('.', StringComparison.Ordinal))
            .Select(e => e.Field)
            .ToHashSet(StringComparer.Ordinal);
    }

    private static IOpenApiSchema NotNullable(IOpenApiSchema schema)
    {
        switch (schema)
        {
            case OpenApiSchema { Type: { } t } concrete when t.HasFlag(JsonSchemaType.Null) && t != JsonSchemaType.Null:
                concrete.Type = t & ~JsonSchemaType.Null;
                return concrete;
            case OpenApiSchema { OneOf: { Count: 2 } oneOf } when oneOf.Count(IsNull) == 1:
                // A nullable object is written as oneOf [null, $ref]: the $ref alone.
                return oneOf.Single(s => !IsNull(s));
            default:
                return schema;
        }
    }

    private static bool IsNull(IOpenApiSchema schema) => schema is OpenApiSchema { Type: JsonSchemaType.Null };

    private static void Constant(IDictionary<string, IOpenApiSchema> properties, string name, bool value)
    {
        if (properties.TryGetValue(name, out var schema) && schema is OpenApiSchema concrete)
        {
            concrete.Enum = [JsonValue.Create(value)];
        }
    }

    /// <summary>
    /// The generator turns a nullable object property into <c>oneOf [null, $ref]</c> only after the schema transformers
    /// ran; this pass, run last, leaves the <c>$ref</c> alone in request bodies (whose component names end in Request).
    /// </summary>
    public sealed class RequestReferences : IOpenApiDocumentTransformer
    {
        public Task TransformAsync(OpenApiDocument document, OpenApiDocumentTransformerContext context, CancellationToken cancellationToken)
        {
            foreach (var (name, component) in document.Components?.Schemas ?? new Dictionary<string, IOpenApiSchema>())
            {
                if (component is not OpenApiSchema { Properties: { } properties })
                {
                    continue;
                }

                if (name.EndsWith("Request", StringComparison.Ordinal))
                {
                    foreach (var key in properties.Keys.ToList())
                    {
                        properties[key] = NotNullable(properties[key]);
                    }
                }

                // The envelopes: data is never null in a success (T is unconstrained, so the generator allows null), and
                // success is a constant that tells the two shapes apart.
                if (name.StartsWith("ApiResponseOf", StringComparison.Ordinal) && properties.TryGetValue("data", out var data))
                {
                    properties["data"] = NotNullable(data);
                    Constant(properties, "success", true);
                }
                else if (name == nameof(ApiErrorResponse))
                {
                    Constant(properties, "success", false);
                }
            }

            return Task.CompletedTask;
        }
    }
}
