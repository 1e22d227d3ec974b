using System.Text.Json;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Roomcast.Identity;
using Roomcast.Sessions;
using Roomcast.WebApi.Infrastructure;
using Roomcast.WebApi.Tests.Infrastructure;

namespace Roomcast.WebApi.Tests;

/// <summary>
/// Issue 14: the document a client generator reads says what the API does. Each check walks the app's own endpoints
/// (their metadata is the truth) or the whole document, so a new route is held to the same rules.
/// </summary>
[Collection(AuthCollection.Name)]
public sealed class OpenApiDocumentTests(RoomcastApiFactory api)
{
    private static readonly string[] Methods = ["get", "post", "put", "patch", "delete"];

    private async Task<JsonDocument> DocumentAsync() => JsonDocument.Parse(await api.Anonymous().GetStringAsync("/openapi/v1.json"));

    private static IEnumerable<(string Path, string Method, JsonElement Operation)> Operations(JsonDocument document) =>
        from path in document.RootElement.GetProperty("paths").EnumerateObject()
        from method in Methods
        where path.Value.TryGetProperty(method, out _)
        select (path.Name, method, path.Value.GetProperty(method));

    /// <summary>The app's API endpoints with the operation id they are documented under (their WithName).</summary>
    private List<(string Name, RouteEndpoint Endpoint)> NamedEndpoints() =>
        api.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.RoutePattern.RawText?.StartsWith("/v1", StringComparison.Ordinal) == true)
            .Select(e => (e.Metadata.GetMetadata<IEndpointNameMetadata>()?.EndpointName ?? "", e))
            .ToList();

    private static Dictionary<string, JsonElement> ById(JsonDocument document) =>
        Operations(document).ToDictionary(o => o.Operation.GetProperty("operationId").GetString()!, o => o.Operation);

    [Fact]
    public async Task EveryApiRouteHasAStableNameThatIsItsUniqueOperationId()
    {
        using var document = await DocumentAsync();
        var ids = Operations(document).Select(o => o.Operation.TryGetProperty("operationId", out var id) ? id.GetString() : null).ToList();
        Assert.DoesNotContain(null, ids);
        Assert.Equal(ids.Count, ids.Distinct().Count());

        var endpoints = NamedEndpoints();
        Assert.True(endpoints.Count > 40, $"only {endpoints.Count} endpoints");
        var unnamed = endpoints.Where(e => e.Name == "").Select(e => e.Endpoint.RoutePattern.RawText).ToList();
        Assert.True(unnamed.Count == 0, "routes without WithName (their operation id would be generated): " + string.Join(", ", unnamed));
        Assert.Empty(endpoints.Select(e => e.Name).Except(ids!));
    }

    [Fact]
    public async Task AnonymousRoutesCarryNoSecurityRequirementAndTheOthersNameBearerOrApiKey()
    {
        using var document = await DocumentAsync();
        var operations = ById(document);
        var anonymous = new List<string>();
        foreach (var (name, endpoint) in NamedEndpoints())
        {
            var security = operations[name].GetProperty("security").EnumerateArray()
                .Select(r => string.Join('+', r.EnumerateObject().Select(p => p.Name))).ToList();
            var metadata = endpoint.Metadata;
            if (metadata.GetMetadata<IAllowAnonymous>() is not null || metadata.GetMetadata<IAuthorizeData>() is null)
            {
                anonymous.Add(name);
                Assert.True(security.Count == 0, $"{name} is anonymous but its security is [{string.Join(", ", security)}]");
                continue;
            }

            var policies = metadata.GetOrderedMetadata<IAuthorizeData>().Select(a => a.Policy).ToList();
            string[] expected = policies.Contains("user") || policies.Contains("admin") ? ["Bearer"] : ["Bearer", "ApiKey"];
            Assert.True(expected.SequenceEqual(security), $"{name}: expected [{string.Join(", ", expected)}], documented [{string.Join(", ", security)}]");
        }

        Assert.Equal(
            // ReceiveLiveKitWebhook: its sender proves itself by LiveKit's signature over the body, not by Roomcast credentials.
            // ServeRecordingFile: the signed URL is the credential (a player or a download link cannot send a token).
            // CentrifugoConnectProxy, CentrifugoSubscribeProxy: Centrifugo proves itself by the proxy secret header.
            ["CentrifugoConnectProxy", "CentrifugoSubscribeProxy", "DeviceLogin", "ExchangeAuthCode", "Login", "Logout", "ReceiveLiveKitWebhook", "RefreshToken", "RegisterViewer", "ServeRecordingFile"],
            anonymous.Order(StringComparer.Ordinal));
        Assert.False(document.RootElement.TryGetProperty("security", out _), "a document-wide requirement would cover the anonymous routes too");
        foreach (var probe in new[] { "GetHealth", "GetHealthLive", "GetHealthReady" })
        {
            Assert.Equal(0, operations[probe].GetProperty("security").GetArrayLength());
        }
    }

    [Fact]
    public async Task EveryOperationDocumentsTheErrorsItsMetadataImpliesInTheErrorEnvelope()
    {
        using var document = await DocumentAsync();
        var operations = ById(document);
        var problems = new List<string>();
        foreach (var (name, endpoint) in NamedEndpoints())
        {
            var operation = operations[name];
            var responses = operation.GetProperty("responses");
            var expected = new SortedSet<int> { 503 };
            var metadata = endpoint.Metadata;
            if (metadata.GetMetadata<IAllowAnonymous>() is null && metadata.GetMetadata<IAuthorizeData>() is not null)
            {
                expected.UnionWith([401, 403]);
            }

            if (endpoint.RoutePattern.Parameters.Count > 0)
            {
                expected.UnionWith([400, 404]);
            }

            if (operation.TryGetProperty("requestBody", out _))
            {
                expected.UnionWith([400, 413, 415]);
            }

            if (metadata.GetMetadata<EnableRateLimitingAttribute>() is not null)
            {
                expected.Add(429);
            }

            foreach (var status in expected.Where(s => !responses.TryGetProperty(s.ToString(), out _)))
            {
                problems.Add($"{name}: no {status}");
            }

            foreach (var response in responses.EnumerateObject().Where(r => r.Name[0] is '4' or '5'))
            {
                if (SchemaRef(response.Value) != "#/components/schemas/ApiErrorResponse")
                {
                    problems.Add($"{name}: {response.Name} is not the error envelope");
                }
            }
        }

        Assert.True(problems.Count == 0, string.Join('\n', problems));
        Assert.True(ById(document)["Login"].GetProperty("responses").TryGetProperty("429", out _));
        Assert.True(ById(document)["StartSession"].GetProperty("responses").TryGetProperty("409", out _));
    }

    [Fact]
    public async Task SuccessResponsesUseTheEnvelopeWithTheRightDataType()
    {
        using var document = await DocumentAsync();
        var schemas = document.RootElement.GetProperty("components").GetProperty("schemas");
        var problems = new List<string>();
        var files = new List<string>();
        var proxies = new List<string>();
        foreach (var (path, method, operation) in Operations(document).Where(o => o.Path.StartsWith("/v1/", StringComparison.Ordinal)))
        {
            var success = operation.GetProperty("responses").EnumerateObject().Where(r => r.Name[0] == '2').ToList();
            if (success.Count >= 1 && success.All(r => r.Value.TryGetProperty("content", out var content)
                    && content.EnumerateObject().Select(c => c.Name).ToList() is [("text/csv" or "text/event-stream" or "video/mp4")]))
            {
                files.Add($"{method} {path}");
                continue;
            }

            // Centrifugo's proxies answer in Centrifugo's shape (result, error or disconnect at the top level), which
            // Centrifugo reads: their own response records, not the envelope.
            if (path.StartsWith("/v1/centrifugo/", StringComparison.Ordinal))
            {
                proxies.Add($"{method} {path} {(success.Count == 1 ? SchemaRef(success[0].Value) : null)}");
                continue;
            }

            if (success.Count != 1 || SchemaRef(success[0].Value) is not { } reference || !reference.StartsWith("#/components/schemas/ApiResponseOf", StringComparison.Ordinal))
            {
                problems.Add($"{method} {path}: success is not one ApiResponseOf… envelope");
                continue;
            }

            var envelope = schemas.GetProperty(reference.Split('/')[^1]);
            var required = envelope.GetProperty("required").EnumerateArray().Select(e => e.GetString()).Order().ToList();
            if (!required.SequenceEqual(["data", "success", "timestamp"]))
            {
                problems.Add($"{reference}: required is [{string.Join(", ", required)}]");
            }

            var properties = envelope.GetProperty("properties");
            if (!properties.GetProperty("success").GetProperty("enum").EnumerateArray().Select(e => e.ValueKind).SequenceEqual([JsonValueKind.True]) || !properties.GetProperty("data").TryGetProperty("$ref", out _))
            {
                problems.Add($"{reference}: success is not the constant true, or data is not one (non-null)");
            }
        }

        Assert.True(problems.Count == 0, string.Join('\n', problems));
        Assert.Equal([
            "post /v1/centrifugo/connect #/components/schemas/CentrifugoConnectProxyResponse",
            "post /v1/centrifugo/subscribe #/components/schemas/CentrifugoSubscribeProxyResponse"], proxies.Order(StringComparer.Ordinal));
        // The answers that are a file or a stream, not an envelope: the attendance export and the live events, in both
        // scopes, and a recording's file (whole or a range).
        Assert.Equal([
            "get /v1/libraries/{libraryId}/sessions/{sessionId}/attendance/export", "get /v1/libraries/{libraryId}/sessions/{sessionId}/events",
            "get /v1/recordings/{recordingId}/file",
            "get /v1/sessions/{sessionId}/attendance/export", "get /v1/sessions/{sessionId}/events"], files.Order(StringComparer.Ordinal));
        Assert.Equal("#/components/schemas/SessionResponse",
            schemas.GetProperty("ApiResponseOfSessionResponse").GetProperty("properties").GetProperty("data").GetProperty("$ref").GetString());
        Assert.Equal("#/components/schemas/SessionResponse", SchemaRef(ById(document)["StartSession"].GetProperty("responses").GetProperty("200")) is { } r
            ? schemas.GetProperty(r.Split('/')[^1]).GetProperty("properties").GetProperty("data").GetProperty("$ref").GetString() : null);
    }

    [Fact]
    public async Task RequiredRequestFieldsAreListedAndNoRequestFieldIsNullable()
    {
        using var document = await DocumentAsync();
        var schemas = document.RootElement.GetProperty("components").GetProperty("schemas");
        var problems = new List<string>();
        foreach (var schema in schemas.EnumerateObject().Where(s => s.Name.EndsWith("Request", StringComparison.Ordinal)))
        {
            foreach (var property in schema.Value.GetProperty("properties").EnumerateObject())
            {
                var text = property.Value.GetRawText();
                if (text.Contains("\"null\"", StringComparison.Ordinal))
                {
                    problems.Add($"{schema.Name}.{property.Name} is nullable: {text}");
                }
            }
        }

        Assert.True(problems.Count == 0, string.Join('\n', problems));
        Assert.Equal(["name", "scheduled_at"], Required(schemas, "CreateSessionRequest"));
        Assert.Equal(["email", "password"], Required(schemas, "LoginRequest"));
        Assert.Equal(["title"], Required(schemas, "CreateRoomRequest"));
        Assert.Equal(["name", "role"], Required(schemas, "CreateApiKeyRequest"));
        Assert.Equal(["enabled"], Required(schemas, "MediaStateRequest"));
        Assert.Equal(["name"], Required(schemas, "UpdateSessionRequest"));
        Assert.Equal([], Required(schemas, "UpdateRoomRequest"));
        // A field written only when set is not promised.
        Assert.Equal(["code", "message"], Required(schemas, "ApiError"));
    }

    [Fact]
    public async Task EnumFieldsListTheirSnakeCaseValues()
    {
        using var document = await DocumentAsync();
        var schemas = document.RootElement.GetProperty("components").GetProperty("schemas");
        Assert.Equal(Names<SessionState>(), Enum(schemas, "SessionResponse", "state"));
        Assert.Equal(Names<SessionType>(), Enum(schemas, "CreateSessionRequest", "type"));
        Assert.Equal(Names<Visibility>(), Enum(schemas, "CreateRoomRequest", "visibility"));
        Assert.Equal(Names<UserRole>(), Enum(schemas, "UserResponse", "role"));
        Assert.Equal(["host", "viewer"], Enum(schemas, "CreateApiKeyRequest", "role"));
        Assert.Equal([.. Names<EndReason>(), null], Enum(schemas, "SessionResponse", "end_reason"));
        Assert.Contains("host_departed", Enum(schemas, "SessionResponse", "end_reason"));
        Assert.Equal(Names<WorkerState>(), Enum(schemas, "SessionMetaResponse", "worker_state"));
    }

    [Fact]
    public async Task ListingQueryParametersAreTypedAndRoomListingsOfferNoSessionFilters()
    {
        using var document = await DocumentAsync();
        var operations = ById(document);
        JsonElement Parameter(string operation, string name) =>
            operations[operation].GetProperty("parameters").EnumerateArray().Single(p => p.GetProperty("name").GetString() == name).GetProperty("schema");

        var limit = Parameter("ListSessions", "limit");
        Assert.Equal("integer", limit.GetProperty("type").GetString());
        Assert.Equal(100, limit.GetProperty("maximum").GetInt32());
        Assert.Equal(Names<SessionType>(), Parameter("ListSessions", "type").GetProperty("enum").EnumerateArray().Select(e => e.GetString()).ToList());
        Assert.Equal("uuid", Parameter("ListSessionsInLibrary", "host_id").GetProperty("format").GetString());
        Assert.Equal("date-time", Parameter("ListRoomSessions", "scheduled_from").GetProperty("format").GetString());
        foreach (var rooms in new[] { "ListRooms", "ListMyRooms", "ListRoomsInLibrary" })
        {
            var names = operations[rooms].GetProperty("parameters").EnumerateArray()
                .Where(p => p.GetProperty("in").GetString() == "query").Select(p => p.GetProperty("name").GetString()).ToList();
            Assert.Equal(["limit", "start_after", "end_before", "title"], names);
        }
    }

    [Fact]
    public async Task HealthProbesAreInTheDocumentAndTheDashboardIsNot()
    {
        using var document = await DocumentAsync();
        var paths = document.RootElement.GetProperty("paths").EnumerateObject().Select(p => p.Name).ToList();
        Assert.Contains("/health", paths);
        Assert.Contains("/health/live", paths);
        Assert.Contains("/health/ready", paths);
        Assert.DoesNotContain(paths, p => p.StartsWith("/dashboard", StringComparison.OrdinalIgnoreCase));
        foreach (var path in new[] { "/health", "/health/live", "/health/ready" })
        {
            var body = await api.Anonymous().GetStringAsync(path);
            Assert.Equal("Healthy", body);
        }
    }

    private static List<string?> Names<TEnum>()
        where TEnum : struct, System.Enum => ApiEnum.Names<TEnum>().Select(n => (string?)n).ToList();

    private static string? SchemaRef(JsonElement response) =>
        response.TryGetProperty("content", out var content) && content.TryGetProperty("application/json", out var json)
        && json.GetProperty("schema").TryGetProperty("$ref", out var reference) ? reference.GetString() : null;

    private static List<string> Required(JsonElement schemas, string name) =>
        schemas.GetProperty(name).TryGetProperty("required", out var required)
            ? required.EnumerateArray().Select(e => e.GetString()!).Order(StringComparer.Ordinal).ToList()
            : [];

    private static List<string?> Enum(JsonElement schemas, string schema, string property) =>
        schemas.GetProperty(schema).GetProperty("properties").GetProperty(property).GetProperty("enum").EnumerateArray()
            .Select(e => e.ValueKind == JsonValueKind.Null ? null : e.GetString()).ToList();
}
