using Microsoft.AspNetCore.OpenApi;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.OpenApi;

namespace Roomcast.WebApi.Infrastructure;

/// <summary>
/// Documents, in the error envelope, every error status an operation can answer, derived from the route's metadata so a
/// new route cannot forget one: authorization gives 401 and 403, a route parameter 404 (and 400 for a malformed id), a
/// body or a query 400, a rate limit 429, and every <c>/v1</c> route 503 (each reaches grains or the catalog, and a
/// dependency that is down is a 503, never a 500). 409 stays where a route declares it (<c>ProducesErrors</c>): only the
/// route knows it has a <c>change_sequence</c> or a state transition. 413 and 415 come from <see cref="RequestBodyResponsesTransformer"/>.
/// </summary>
public sealed class ErrorResponsesTransformer : IOpenApiOperationTransformer
{
    public static readonly IReadOnlyDictionary<int, string> Descriptions = new Dictionary<int, string>
    {
        [400] = "validation_failed (or another code): a field, the query, a path id or the JSON is not acceptable; details name the fields.",
        [401] = "unauthorized: no valid bearer token or API key.",
        [403] = "forbidden: the caller's role or tenant may not do this.",
        [404] = "not_found: no such resource, or not one the caller may see.",
        [409] = "conflict: a stale change_sequence (If-Match) or an illegal state transition.",
        [413] = "payload_too_large: the body is over the route's limit.",
        [415] = "unsupported_media_type: the body is not application/json in UTF-8.",
        [429] = "rate_limited: too many requests from this client; retry later.",
        [503] = "unavailable: a dependency (a silo, storage) is down; retry later.",
    };

    public Task TransformAsync(OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken cancellationToken)
    {
        var description = context.Description;
        var metadata = description.ActionDescriptor.EndpointMetadata;
        var path = "/" + (description.RelativePath ?? "").TrimStart('/');
        var statuses = new SortedSet<int>();
        if (!OperationSecurityTransformer.IsAnonymous(metadata))
        {
            statuses.UnionWith([401, 403]);
        }

        if (path.Contains('{', StringComparison.Ordinal))
        {
            statuses.UnionWith([400, 404]);
        }

        if (operation.RequestBody is not null || operation.Parameters?.Count > 0)
        {
            statuses.Add(400);
        }

        if (metadata.OfType<EnableRateLimitingAttribute>().Any())
        {
            statuses.Add(429);
        }

        if (path.StartsWith("/v1/", StringComparison.Ordinal))
        {
            statuses.Add(503);
        }

        operation.Responses ??= new OpenApiResponses();
        foreach (var status in statuses)
        {
            operation.Responses.TryAdd(status.ToString(System.Globalization.CultureInfo.InvariantCulture), Response(status, context.Document));
        }

        // The ones a route declared itself (ProducesErrors) keep their schema and get the sentence.
        foreach (var (key, response) in operation.Responses)
        {
            if (int.TryParse(key, out var status) && status >= 400 && Descriptions.TryGetValue(status, out var text)
                && response is OpenApiResponse concrete && (concrete.Description is null || !concrete.Description.Contains(':', StringComparison.Ordinal)))
            {
                concrete.Description = text;
            }
        }

        return Task.CompletedTask;
    }

    /// <summary>An error response whose body is the <see cref="ApiErrorResponse"/> envelope.</summary>
    public static OpenApiResponse Response(int status, OpenApiDocument? document) => new()
    {
        Description = Descriptions.TryGetValue(status, out var text) ? text : "An error in the envelope.",
        Content = new Dictionary<string, OpenApiMediaType>
        {
            ["application/json"] = new() { Schema = new OpenApiSchemaReference(nameof(ApiErrorResponse), document) },
        },
    };
}
