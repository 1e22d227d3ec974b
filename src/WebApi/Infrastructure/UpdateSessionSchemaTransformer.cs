using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;
using Roomcast.WebApi.Contracts;

namespace Roomcast.WebApi.Infrastructure;

/// <summary>
/// Documents the session PATCH body fully: the generator cannot see through <see cref="ChangeSequenceConverter"/> (it
/// writes a bare <c>format</c>) nor know that <c>name</c> is the one field the route needs.
/// </summary>
public sealed class UpdateSessionSchemaTransformer : IOpenApiSchemaTransformer
{
    public Task TransformAsync(OpenApiSchema schema, OpenApiSchemaTransformerContext context, CancellationToken cancellationToken)
    {
        if (context.JsonTypeInfo.Type != typeof(UpdateSessionRequest))
        {
            return Task.CompletedTask;
        }

        schema.Type = JsonSchemaType.Object;
        schema.Required = new HashSet<string> { "name" };
        schema.Properties ??= new Dictionary<string, IOpenApiSchema>();
        schema.Properties["name"] = new OpenApiSchema
        {
            Type = JsonSchemaType.String,
            MinLength = 1,
            MaxLength = CreateSessionRequest.MaxNameLength,
            Description = "The new name: visible text, no control characters; surrounding white space is trimmed.",
        };
        schema.Properties["change_sequence"] = new OpenApiSchema
        {
            Type = JsonSchemaType.Integer,
            Format = "int64",
            Minimum = "1",
            Description = "The change_sequence the client last read; a stale one is a 409. May be left out (or sent as If-Match), never null.",
        };
        schema.AdditionalPropertiesAllowed = false;
        return Task.CompletedTask;
    }
}
