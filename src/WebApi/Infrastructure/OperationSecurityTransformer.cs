using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;
using Roomcast.WebApi.Auth;

namespace Roomcast.WebApi.Infrastructure;

/// <summary>
/// Says per operation, from the route's own authorization metadata, which credentials it takes: none on an anonymous
/// route (an explicit empty <c>security</c>), a bearer token or (as the alternative) an API key elsewhere. Routes whose
/// policy an API key can never meet (<see cref="Policies.User"/>: a key has no user; <see cref="Policies.Admin"/>:
/// no key is ever issued with the admin role) name the bearer token alone, so a generated client does not offer a key
/// that can only earn a 403.
/// </summary>
public sealed class OperationSecurityTransformer : IOpenApiOperationTransformer
{
    private static readonly HashSet<string> BearerOnlyPolicies = [Policies.User, Policies.Admin];

    public Task TransformAsync(OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken cancellationToken)
    {
        var metadata = context.Description.ActionDescriptor.EndpointMetadata;
        if (IsAnonymous(metadata))
        {
            operation.Security = [];
            return Task.CompletedTask;
        }

        var document = context.Document;
        var bearer = new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(BearerSecurityTransformer.SchemeName, document)] = [] };
        operation.Security = [bearer];
        if (!metadata.OfType<IAuthorizeData>().Any(a => a.Policy is { } policy && BearerOnlyPolicies.Contains(policy)))
        {
            operation.Security.Add(new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(ApiKeySecurityTransformer.SchemeName, document)] = [] });
        }

        return Task.CompletedTask;
    }

    /// <summary>Anonymous when the route allows it explicitly or asks for no authorization at all (what the middleware does too).</summary>
    public static bool IsAnonymous(IList<object> metadata) =>
        metadata.OfType<IAllowAnonymous>().Any() || !metadata.OfType<IAuthorizeData>().Any();
}
