using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace Roomcast.WebApi.Infrastructure;

/// <summary>
/// Declares the bearer scheme in the OpenAPI document, with the document's title, server and tag descriptions. Which
/// operations need a credential is said per operation by <see cref="OperationSecurityTransformer"/>: a document-wide
/// requirement would wrongly cover the anonymous routes.
/// </summary>
public sealed class BearerSecurityTransformer : IOpenApiDocumentTransformer
{
    public const string SchemeName = "Bearer";

    private static readonly Dictionary<string, string> TagDescriptions = new()
    {
        ["Auth"] = "Sign-in, token refresh and logout, device (viewer) sign-in, one-time codes.",
        ["Admin"] = "Deployment-wide administration: users, bulk session reads.",
        ["Libraries"] = "Libraries (tenants), admin only.",
        ["API keys"] = "Server-to-server keys of a library, admin only.",
        ["Rooms"] = "Rooms: owned by a host, holding sessions.",
        ["Sessions"] = "Sessions and their lifecycle: scheduled, live, ended (or cancelled, expired).",
        ["Participants"] = "Co-hosts and moderators of a session.",
        ["Library-Scoped"] = "The same operations confined to one library: /v1/libraries/{libraryId}/...",
    };

    public Task TransformAsync(OpenApiDocument document, OpenApiDocumentTransformerContext context, CancellationToken cancellationToken)
    {
        document.Info.Title = "Roomcast Live API";
        document.Info.Description = "Rooms and live sessions on Orleans. Responses use the envelope {success, data, timestamp}; "
            + "errors use {success: false, error: {code, message, details}, timestamp}.";

        // One relative server: the generator writes the address the document was fetched from, which differs per host
        // and would make generated clients differ by where they were generated; clients set their base address.
        document.Servers = [new OpenApiServer { Url = "/", Description = "The host that serves this document." }];
        foreach (var tag in document.Tags ?? new HashSet<OpenApiTag>())
        {
            tag.Description ??= TagDescriptions.GetValueOrDefault(tag.Name ?? "");
        }

        document.Components ??= new OpenApiComponents();
        document.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>();
        document.Components.SecuritySchemes[SchemeName] = new OpenApiSecurityScheme
        {
            Type = SecuritySchemeType.Http,
            Scheme = "bearer",
            BearerFormat = "JWT",
            Description = "Access token from POST /v1/auth/login (or device login, code exchange, refresh).",
        };
        return Task.CompletedTask;
    }
}
