using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;
using Roomcast.WebApi.Auth;

namespace Roomcast.WebApi.Infrastructure;

/// <summary>
/// Documents the <c>libraryId</c> path parameter of library-scoped routes: it is read by
/// <see cref="RequestScope"/>, not bound by the handlers, so the generator does not see it.
/// </summary>
public sealed class LibraryRouteParameterTransformer : IOpenApiOperationTransformer
{
    public Task TransformAsync(OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken cancellationToken)
    {
        var name = RequestScope.LibraryRouteValue;
        var template = context.Description.RelativePath ?? "";
        if (!template.Contains('{' + name + '}', StringComparison.Ordinal)
            || operation.Parameters?.Any(p => p.Name == name && p.In == ParameterLocation.Path) == true)
        {
            return Task.CompletedTask;
        }

        operation.Parameters ??= [];
        operation.Parameters.Insert(0, new OpenApiParameter
        {
            Name = name,
            In = ParameterLocation.Path,
            Required = true,
            Description = "The library (tenant) the request is confined to; one outside the caller's scope is a 404.",
            Schema = new OpenApiSchema { Type = JsonSchemaType.String, Format = "uuid" },
        });
        return Task.CompletedTask;
    }
}
