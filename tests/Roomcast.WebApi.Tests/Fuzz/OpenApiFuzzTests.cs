using System.Diagnostics;
using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Roomcast.WebApi.Tests.Infrastructure;
using Xunit.Abstractions;

namespace Roomcast.WebApi.Tests.Fuzz;

[CollectionDefinition(Name)]
public sealed class FuzzCollection : ICollectionFixture<RoomcastApiFactory>
{
    public const string Name = "OpenAPI fuzz";
}

/// <summary>
/// Issue 13's fuzz suite: every operation of the app's own <c>/openapi/v1.json</c> gets a fixed, seeded set of valid,
/// boundary and hostile requests (wrong types, nulls, huge and empty strings, lone surrogates, zero-width and control
/// characters, odd dates, unknown fields, malformed JSON, bad charsets and media types, odd ids and query strings) from
/// five callers. No answer may be a 5xx, take over 2 s, or show an exception type, a stack frame or SQL; every error is
/// the envelope with at most 20 details. New routes are picked up from the document; a route missing from it fails.
/// </summary>
[Collection(FuzzCollection.Name)]
public sealed partial class OpenApiFuzzTests(RoomcastApiFactory api, ITestOutputHelper output)
{
    private const int Seed = 20261201;
    private const int CasesPerCaller = 6;
    private static readonly TimeSpan MaxResponseTime = TimeSpan.FromSeconds(2);
    private static readonly TimeSpan HangAfter = TimeSpan.FromSeconds(10);
    private static readonly string[] Methods = ["get", "post", "put", "patch", "delete"];
    private static readonly string[] NotApiPrefixes = ["/openapi", "/reference", "/health", "/dashboard"];
    private static readonly Guid DefaultLibraryId = Guid.Parse("00000000-0000-0000-0000-000000000001");

    private enum Kind
    {
        Valid,
        Boundary,
        Hostile,
        UnknownFields,
        Malformed,
        ContentType,
        OddPath,
        OddQuery,
        OddHeaders,
    }

    private sealed record Operation(string Method, string Path, JsonElement[] Parameters, JsonElement? Body)
    {
        public string Key => $"{Method.ToUpperInvariant()} {Path}";
    }

    private sealed record Request(string Method, string Url, byte[]? Body, string? ContentType, string Caller, Kind Kind)
    {
        public (string Name, string Value)? Header { get; init; }

        public override string ToString()
        {
            var body = Body is null ? "" : " " + Snippet(Encoding.UTF8.GetString(Body), 300);
            var header = Header is { } h ? $" {h.Name}: {Snippet(h.Value, 80)}" : "";
            return $"{Caller} {Kind}: {Method} {Snippet(Url, 300)} [{ContentType}]{header}{body}";
        }
    }

    [Fact]
    public async Task NoOperationAnswersAnyGeneratedInputWithA5xxALeakOrASlowResponse()
    {
        using var document = JsonDocument.Parse(await api.Anonymous().GetStringAsync("/openapi/v1.json"));
        var operations = ReadOperations(document.RootElement);
        var (ids, callers) = await SetUpAsync();

        var failures = new List<string>();
        var statuses = new SortedDictionary<int, int>();
        var sent = 0;
        foreach (var operation in operations)
        {
            var random = new Random(Seed ^ StableHash(operation.Key));
            var callerIndex = 0;
            foreach (var (caller, client) in callers)
            {
                for (var i = 0; i < CasesPerCaller; i++)
                {
                    var kind = (Kind)((i + callerIndex * 3) % Enum.GetValues<Kind>().Length);
                    var request = Generate(operation, kind, caller, ids, random, document.RootElement);
                    var problem = await SendAndCheckAsync(client, request, statuses);
                    sent++;
                    if (problem is not null)
                    {
                        failures.Add($"{problem}\n    request: {request}");
                    }
                }

                callerIndex++;
            }
        }

        foreach (var failure in failures)
        {
            output.WriteLine(failure);
        }

        output.WriteLine($"{operations.Count} operations, {sent} requests; statuses: {string.Join(", ", statuses.Select(s => $"{s.Key}x{s.Value}"))}");
        Assert.True(failures.Count == 0, $"{failures.Count} of {sent} generated requests failed:\n" + string.Join("\n", failures.Take(60)));
    }

    /// <summary>The fuzz suite reaches only what the document lists: every route of the app must be in it.</summary>
    [Fact]
    public async Task EveryRouteOfTheAppIsAnOperationOfTheDocument()
    {
        using var document = JsonDocument.Parse(await api.Anonymous().GetStringAsync("/openapi/v1.json"));
        var documented = ReadOperations(document.RootElement).Select(o => o.Key).ToHashSet();
        var app = api.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Select(e => (Pattern: "/" + (e.RoutePattern.RawText ?? "").Trim('/'), Methods: e.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods))
            .Where(e => !NotApiPrefixes.Any(p => e.Pattern.StartsWith(p, StringComparison.OrdinalIgnoreCase)))
            .SelectMany(e => (e.Methods ?? ["ANY"]).Select(m => $"{m} {e.Pattern}"))
            .ToHashSet();

        Assert.True(app.Count > 40, $"only {app.Count} routes found");
        var missing = app.Except(documented).Order().ToList();
        Assert.True(missing.Count == 0, "Routes the fuzz suite cannot reach (not in /openapi/v1.json):\n" + string.Join('\n', missing));
    }

    private static List<Operation> ReadOperations(JsonElement document)
    {
        var operations = new List<Operation>();
        foreach (var path in document.GetProperty("paths").EnumerateObject())
        {
            foreach (var method in Methods)
            {
                if (!path.Value.TryGetProperty(method, out var operation))
                {
                    continue;
                }

                var parameters = operation.TryGetProperty("parameters", out var p) ? p.EnumerateArray().ToArray() : [];
                JsonElement? body = operation.TryGetProperty("requestBody", out var b)
                    && b.GetProperty("content").TryGetProperty("application/json", out var json)
                        ? Resolve(document, json.GetProperty("schema"))
                        : null;
                operations.Add(new Operation(method, path.Name, parameters, body));
            }
        }

        // Deletions last, so that what they remove is there for every other operation first.
        return operations.OrderBy(o => o.Method == "delete").ThenBy(o => o.Key, StringComparer.Ordinal).ToList();
    }

    /// <summary>Follows <c>$ref</c> and <c>oneOf [null, $ref]</c> to the schema itself.</summary>
    private static JsonElement Resolve(JsonElement document, JsonElement schema)
    {
        if (schema.TryGetProperty("$ref", out var reference))
        {
            return Resolve(document, document.GetProperty("components").GetProperty("schemas").GetProperty(reference.GetString()!.Split('/')[^1]));
        }

        if (schema.TryGetProperty("oneOf", out var oneOf)
            && oneOf.EnumerateArray().FirstOrDefault(s => !(s.TryGetProperty("type", out var t) && t.ValueKind == JsonValueKind.String && t.GetString() == "null")) is
            { ValueKind: JsonValueKind.Object } inner)
        {
            return Resolve(document, inner);
        }

        return schema;
    }

    private async Task<(FuzzIds Ids, List<(string Name, HttpClient Client)> Callers)> SetUpAsync()
    {
        var admin = await api.AdminAsync();
        var (host, room, session) = await api.CreateHostWithSessionAsync();
        var viewer = await api.CreateViewerAsync();
        var key = await api.CreateApiKeyAsync(DefaultLibraryId, "host");
        var ids = new FuzzIds(DefaultLibraryId, room.Id, session.Id, viewer.Id, key.Id);
        List<(string, HttpClient)> callers =
        [
            ("anonymous", api.Anonymous()), ("viewer", viewer.Client), ("host", host.Client), ("admin", admin.Client),
            ("api key", api.ApiKeyClient(key.Key)),
        ];
        return (ids, callers);
    }

    private static Request Generate(Operation operation, Kind kind, string caller, FuzzIds ids, Random random, JsonElement document)
    {
        var url = new StringBuilder();
        foreach (var segment in operation.Path.Split('/').Skip(1))
        {
            url.Append('/');
            if (segment.StartsWith('{'))
            {
                var name = segment.Trim('{', '}');
                var real = ids.For(name);
                url.Append(kind != Kind.OddPath && real is not null && random.Next(2) == 0
                    ? real
                    : random.Next(3) == 0 ? Guid.NewGuid().ToString() : FuzzValues.Pick(random, FuzzValues.OddIds));
            }
            else
            {
                url.Append(segment);
            }
        }

        var query = new List<string>();
        foreach (var parameter in operation.Parameters.Where(p => p.GetProperty("in").GetString() == "query"))
        {
            var name = parameter.GetProperty("name").GetString()!;
            switch (kind == Kind.OddQuery ? 2 : random.Next(4))
            {
                case 0:
                    query.Add($"{name}={Uri.EscapeDataString(ValidQuery(name, ids))}");
                    break;
                case 2:
                    query.Add($"{name}={FuzzValues.Pick(random, FuzzValues.OddQueryValues)}");
                    break;
            }
        }

        if (kind == Kind.OddQuery)
        {
            query.Add(FuzzValues.Pick(random, ["limit=1&limit=2", "state=live&state=ended", "unknown=1", "%00=%00", "a", "&&&", "=x"]));
        }

        if (query.Count > 0)
        {
            url.Append('?').AppendJoin('&', query);
        }

        var (body, contentType) = Body(operation, kind, ids, random);
        return new Request(operation.Method.ToUpperInvariant(), url.ToString(), body, contentType, caller, kind)
        {
            Header = kind == Kind.OddHeaders ? FuzzValues.Pick(random, FuzzValues.OddHeaders) : null,
        };
    }

    private static (byte[]? Body, string? ContentType) Body(Operation operation, Kind kind, FuzzIds ids, Random random)
    {
        const string json = "application/json";
        if (operation.Body is not { } schema)
        {
            // A route without a body still gets one now and then.
            return kind switch
            {
                Kind.Malformed => (FuzzValues.Pick(random, FuzzValues.MalformedBodies), json),
                Kind.ContentType => ("{}"u8.ToArray(), FuzzValues.Pick(random, FuzzValues.ContentTypes)),
                Kind.UnknownFields => (Encoding.UTF8.GetBytes(new string('x', 70_000)), json),
                _ => (null, null),
            };
        }

        var properties = schema.TryGetProperty("properties", out var p) ? p.EnumerateObject().ToList() : [];
        var values = properties.ToDictionary(x => x.Name, x => FuzzValues.Valid(x.Name, x.Value, ids));
        switch (kind)
        {
            case Kind.Boundary:
                foreach (var property in properties.Where(_ => random.Next(2) == 0))
                {
                    values[property.Name] = FuzzValues.Boundary(property.Name, property.Value, random);
                }

                break;
            case Kind.Hostile when properties.Count > 0:
                for (var i = 0; i < 1 + random.Next(3); i++)
                {
                    values[FuzzValues.Pick(random, properties).Name] = FuzzValues.Pick(random, FuzzValues.HostileJson);
                }

                break;
            case Kind.UnknownFields:
                for (var i = 0; i < 1 + random.Next(3); i++)
                {
                    values[FuzzValues.Pick(random, FuzzValues.UnknownKeys)] = FuzzValues.Pick(random, FuzzValues.HostileJson);
                }

                break;
            case Kind.Malformed:
                return (FuzzValues.Pick(random, FuzzValues.MalformedBodies), json);
            case Kind.OddPath or Kind.OddQuery when random.Next(2) == 0:
                values.Remove(properties.Count > 0 ? FuzzValues.Pick(random, properties).Name : "");
                break;
        }

        var text = "{" + string.Join(", ", values.Select(v => $"\"{v.Key}\": {v.Value}")) + "}";
        if (kind == Kind.Boundary && random.Next(4) == 0)
        {
            text = "{\"padding\": \"" + new string(' ', 66_000) + "\"}";
        }

        return (Encoding.UTF8.GetBytes(text), kind == Kind.ContentType ? FuzzValues.Pick(random, FuzzValues.ContentTypes) : json);
    }

    private static string ValidQuery(string name, FuzzIds ids) => name switch
    {
        "limit" => "5",
        "state" => "scheduled,live",
        "type" => "broadcast",
        "title" => "fuzz",
        "host_id" => ids.UserId.ToString(),
        "created_from" or "scheduled_from" => "2026-01-01",
        "created_to" or "scheduled_to" => "2030-01-01T00:00:00Z",
        _ => "x",
    };

    private static async Task<string?> SendAndCheckAsync(HttpClient client, Request request, SortedDictionary<int, int> statuses)
    {
        using var message = new HttpRequestMessage(new HttpMethod(request.Method), new Uri(request.Url, UriKind.Relative));
        if (request.Header is { } header)
        {
            message.Headers.Remove(header.Name);
            message.Headers.TryAddWithoutValidation(header.Name, header.Value);
        }

        if (request.Body is not null)
        {
            message.Content = new ByteArrayContent(request.Body);
            if (!string.IsNullOrEmpty(request.ContentType))
            {
                message.Content.Headers.TryAddWithoutValidation("Content-Type", request.ContentType);
            }
        }

        // A hung request is a finding too: it is cut off well before HttpClient's own 100 s and reported with the rest.
        using var hang = new CancellationTokenSource(HangAfter);
        var clock = Stopwatch.StartNew();
        HttpResponseMessage response;
        string text;
        try
        {
            response = await client.SendAsync(message, HttpCompletionOption.ResponseHeadersRead, hang.Token);
            // A live event stream answers with its headers and then stays open: its status is the answer.
            text = response.Content.Headers.ContentType?.MediaType == "text/event-stream"
                ? ""
                : await response.Content.ReadAsStringAsync(hang.Token);
        }
        catch (OperationCanceledException) when (hang.IsCancellationRequested)
        {
            return $"no answer within {HangAfter.TotalSeconds} s";
        }

        clock.Stop();
        using var disposeResponse = response;

        var status = (int)response.StatusCode;
        statuses[status] = statuses.GetValueOrDefault(status) + 1;
        if (status >= 500)
        {
            return $"{status}: {Snippet(text, 500)}";
        }

        if (clock.Elapsed > MaxResponseTime)
        {
            return $"took {clock.Elapsed.TotalMilliseconds:F0} ms (bound {MaxResponseTime.TotalMilliseconds} ms), status {status}";
        }

        return status >= 400 ? CheckError(status, text) : null;
    }

    /// <summary>An error is the envelope, short, with at most 20 details, and says nothing about the server's insides.</summary>
    private static string? CheckError(int status, string text)
    {
        if (Leak().Match(text) is { Success: true } leak)
        {
            return $"{status} leaks '{leak.Value}': {Snippet(text, 500)}";
        }

        if (text.Length > 16 * 1024)
        {
            return $"{status} error body of {text.Length} characters";
        }

        try
        {
            using var body = JsonDocument.Parse(text);
            var root = body.RootElement;
            if (!root.TryGetProperty("success", out var success) || success.GetBoolean()
                || !root.TryGetProperty("error", out var error) || error.GetProperty("code").GetString() is not { Length: > 0 }
                || !root.TryGetProperty("timestamp", out _))
            {
                return $"{status} is not the error envelope: {Snippet(text, 500)}";
            }

            if (error.TryGetProperty("details", out var details) && details.GetArrayLength() > 20)
            {
                return $"{status} lists {details.GetArrayLength()} details";
            }
        }
        catch (JsonException)
        {
            return $"{status} is not JSON: {Snippet(text, 500)}";
        }

        return null;
    }

    /// <summary>Exception type names, stack frames, framework namespaces and PostgreSQL/SQL error text.</summary>
    [GeneratedRegex(@"\w+Exception\b|\s{3}at \w|\b(System|Microsoft|Orleans|Npgsql)\.[A-Z]\w+|SQLSTATE|\bsyntax error at or near\b|\bSELECT\s.+\sFROM\b|\bINSERT INTO\b|\bDELETE FROM\b|\bpg_\w+|\bRoomcast\.\w+\.", RegexOptions.IgnoreCase)]
    private static partial Regex Leak();

    private static string Snippet(string text, int length) => text.Length <= length ? text : text[..length] + $"… ({text.Length} chars)";

    /// <summary>FNV-1a of the operation, so each operation's cases stay the same when others are added.</summary>
    private static int StableHash(string text)
    {
        var hash = 2166136261u;
        foreach (var b in Encoding.UTF8.GetBytes(text))
        {
            hash = (hash ^ b) * 16777619u;
        }

        return (int)hash;
    }
}
