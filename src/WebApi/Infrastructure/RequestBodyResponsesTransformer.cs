using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace Roomcast.WebApi.Infrastructure;

/// <summary>
/// Documents what <see cref="RequestBodyGuard"/> answers on every route that takes a body: 413 over the route's limit,
/// 415 for a body that is not UTF-8 JSON, both in the error envelope (the schema of the route's 400).
/// </summary>
public sealed class RequestBodyResponsesTransformer : IOpenApiOperationTransformer
{
    public Task TransformAsync(OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken cancellationToken)
    {
        if (operation.RequestBody is null || operation.Responses is null)
        {
            return Task.CompletedTask;
        }

        var envelope = operation.Responses.TryGetValue("400", out var badRequest) ? badRequest.Content : null;
        operation.Responses.TryAdd("413", new OpenApiResponse
        {
            Description = $"payload_too_large: the body is over the route's limit ({RequestBodyLimit.Describe(RequestBodyLimit.Default)} unless stated).",
            Content = envelope,
        });
        operation.Responses.TryAdd("415", new OpenApiResponse
        {
            Description = "unsupported_media_type: the body is not application/json in UTF-8.",
            Content = envelope,
        });
        return Task.CompletedTask;
    }
}
