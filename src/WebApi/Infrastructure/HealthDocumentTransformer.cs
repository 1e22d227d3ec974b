using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace Roomcast.WebApi.Infrastructure;

/// <summary>
/// Adds the health probes to the OpenAPI document: they are mapped with <c>MapHealthChecks</c>, which the endpoint
/// explorer does not describe. Each answers <c>text/plain</c> <c>Healthy</c> (200) or <c>Unhealthy</c> (503), anonymously.
/// </summary>
public sealed class HealthDocumentTransformer : IOpenApiDocumentTransformer
{
    public static readonly IReadOnlyList<(string Path, string OperationId, string Summary)> Probes =
    [
        ("/health", "GetHealth", "Readiness (kept at /health for older probes): the silo and storage answer"),
        ("/health/live", "GetHealthLive", "Liveness: the process serves requests (checks nothing else)"),
        ("/health/ready", "GetHealthReady", "Readiness: the silo (or the cluster gateway) and storage answer"),
    ];

    public Task TransformAsync(OpenApiDocument document, OpenApiDocumentTransformerContext context, CancellationToken cancellationToken)
    {
        document.Paths ??= [];
        foreach (var (path, operationId, summary) in Probes)
        {
            document.Paths[path] = new OpenApiPathItem
            {
                Operations = new Dictionary<HttpMethod, OpenApiOperation>
                {
                    [HttpMethod.Get] = new()
                    {
                        OperationId = operationId,
                        Summary = summary,
                        Tags = new HashSet<OpenApiTagReference> { new("Health", document) },
                        Security = [],
                        Responses = new OpenApiResponses
                        {
                            ["200"] = Text("Healthy"),
                            ["503"] = Text("Unhealthy"),
                        },
                    },
                },
            };
        }

        document.Tags ??= new HashSet<OpenApiTag>();
        if (!document.Tags.Any(t => t.Name == "Health"))
        {
            document.Tags.Add(new OpenApiTag { Name = "Health", Description = "Probes for load balancers and orchestrators." });
        }

        return Task.CompletedTask;
    }

    private static OpenApiResponse Text(string body) => new()
    {
        Description = body,
        Content = new Dictionary<string, OpenApiMediaType>
        {
            ["text/plain"] = new() { Schema = new OpenApiSchema { Type = JsonSchemaType.String, Enum = [System.Text.Json.Nodes.JsonValue.Create(body)] } },
        },
    };
}
