using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;
using Roomcast.WebApi.Auth;

namespace Roomcast.WebApi.Infrastructure;

/// <summary>
/// Declares the <c>x-api-key</c> scheme in the OpenAPI document; <see cref="OperationSecurityTransformer"/> names it
/// as the alternative to the bearer token on the operations an API key may call.
/// </summary>
public sealed class ApiKeySecurityTransformer : IOpenApiDocumentTransformer
{
    public const string SchemeName = "ApiKey";

    public Task TransformAsync(OpenApiDocument document, OpenApiDocumentTransformerContext context, CancellationToken cancellationToken)
    {
        document.Components ??= new OpenApiComponents();
        document.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>();
        document.Components.SecuritySchemes[SchemeName] = new OpenApiSecurityScheme
        {
            Type = SecuritySchemeType.ApiKey,
            Name = ApiKeyDefaults.HeaderName,
            In = ParameterLocation.Header,
            Description = "Server-to-server key from POST /v1/admin/libraries/{libraryId}/api_keys. Send it instead of a bearer token, never with one.",
        };
        return Task.CompletedTask;
    }
}
