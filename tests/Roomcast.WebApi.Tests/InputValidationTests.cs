using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Roomcast.WebApi.Tests.Infrastructure;

namespace Roomcast.WebApi.Tests;

/// <summary>
/// Issue 13, "no 500 from any input": charsets, the session PATCH body, body sizes, bounded error lists and filter lists,
/// invisible and control characters, one rule for max_duration_seconds, and no internal fields in request bodies.
/// </summary>
[Collection(InputsCollection.Name)]
public sealed class InputValidationTests(InputsApiFactory api)
{
    private const string DefaultLibrary = "00000000-0000-0000-0000-000000000001";

    private static ByteArrayContent Json(string json, string contentType = "application/json") => Bytes(Encoding.UTF8.GetBytes(json), contentType);

    private static ByteArrayContent Bytes(byte[] body, string contentType = "application/json")
    {
        var content = new ByteArrayContent(body);
        content.Headers.TryAddWithoutValidation("Content-Type", contentType);
        return content;
    }

    private static async Task<HttpResponseMessage> SendAsync(HttpClient client, string method, string path, HttpContent? body)
    {
        using var request = new HttpRequestMessage(new HttpMethod(method), path) { Content = body };
        return await client.SendAsync(request);
    }

    // --- 1. Unknown charsets ------------------------------------------------------------------------------------

    [Theory]
    [InlineData("/v1/auth/login", """{"email": "a@b.example", "password": "whatever-password"}""", "utf-7")]
    [InlineData("/v1/auth/login", """{"email": "a@b.example", "password": "whatever-password"}""", "bogus")]
    [InlineData("/v1/auth/refresh", """{"refresh_token": "x"}""", "utf-7")]
    [InlineData("/v1/auth/logout", """{"refresh_token": "x"}""", "bogus")]
    [InlineData("/v1/auth/viewer/register", """{"display_name": "V"}""", "utf-7")]
    [InlineData("/v1/auth/device/login", """{"device_token": "x"}""", "\"bogus\"")]
    [InlineData("/v1/auth/code/exchange", """{"code": "x"}""", "latin-1-but-not-really")]
    public async Task AnonymousBodyWithUnknownCharsetIs415WithoutAStackTrace(string path, string body, string charset)
    {
        var before = api.Problems.Count;
        var response = await api.Anonymous().PostAsync(path, Json(body, $"application/json; charset={charset}"));
        var error = await response.ShouldFailAsync(HttpStatusCode.UnsupportedMediaType, "unsupported_media_type");
        Assert.Contains("UTF-8", error.Message);
        Assert.DoesNotContain(api.Problems.Skip(before), line => line.Contains("Exception", StringComparison.Ordinal));
    }

    /// <summary>Every route that reads a body, found in the app's endpoints, so that a new one is covered by itself.</summary>
    [Fact]
    public async Task EveryBodyRouteAnswersAnUnknownCharsetWith415()
    {
        var admin = await api.AdminAsync();
        var routes = api.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.Metadata.GetMetadata<IAcceptsMetadata>() is not null)
            .SelectMany(e => e.Metadata.GetMetadata<HttpMethodMetadata>()!.HttpMethods.Select(m => (Method: m, Pattern: e.RoutePattern.RawText!)))
            .ToList();
        Assert.True(routes.Count > 20, $"only {routes.Count} body routes found");

        var before = api.Problems.Count;
        foreach (var (method, pattern) in routes)
        {
            var path = "/" + string.Join('/', pattern.Trim('/').Split('/').Select(s => s.StartsWith('{') ? (s == "{libraryId}" ? DefaultLibrary : Guid.NewGuid().ToString()) : s));
            var response = await SendAsync(admin.Client, method, path, Json("""{"name": "x"}""", "application/json; charset=utf-7"));
            await response.ShouldFailAsync(HttpStatusCode.UnsupportedMediaType, "unsupported_media_type");
        }

        Assert.DoesNotContain(api.Problems.Skip(before), line => line.Contains("Exception", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("application/json; charset=utf-8")]
    [InlineData("application/json; charset=UTF-8")]
    [InlineData("application/json; charset=\"utf-8\"")]
    [InlineData("application/json")]
    public async Task Utf8OrNoCharsetIsAccepted(string contentType)
    {
        var host = await api.CreateHostAsync();
        var response = await host.Client.PostAsync("/v1/rooms", Json("""{"title": "Charset ok"}""", contentType));
        await response.ShouldSucceedAsync(HttpStatusCode.Created);
    }

    [Fact]
    public async Task ABodyThatIsNotJsonIs415InTheEnvelope()
    {
        var response = await api.Anonymous().PostAsync("/v1/auth/login", Json("email=a", "text/plain"));
        await response.ShouldFailAsync(HttpStatusCode.UnsupportedMediaType, "unsupported_media_type");
    }

    // --- 2. PATCH /v1/sessions/{id} reads its body like every other route ------------------------------------------

    public static TheoryData<string> SessionPatchPaths => new()
    {
        "/v1/sessions/{0}",
        "/v1/libraries/" + DefaultLibrary + "/sessions/{0}",
    };

    public static TheoryData<string, string> BadChangeSequences
    {
        get
        {
            var data = new TheoryData<string, string>();
            foreach (var path in new[] { "/v1/sessions/{0}", "/v1/libraries/" + DefaultLibrary + "/sessions/{0}" })
            {
                foreach (var value in new[] { "\"1\"", "null", "true", "[]", "{}", "1.5", "0", "-3" })
                {
                    data.Add(path, value);
                }
            }

            return data;
        }
    }

    /// <summary>The session does not exist: a 400 proves the body was refused before any lookup (a lookup would be a 404).</summary>
    [Theory]
    [MemberData(nameof(BadChangeSequences))]
    public async Task PatchWithAChangeSequenceThatIsNotAPositiveNumberIs400BeforeAnyLookup(string path, string value)
    {
        var host = await api.CreateHostAsync();
        var response = await host.Client.PatchAsync(string.Format(path, Guid.NewGuid()), Json($$"""{"name": "Fine", "change_sequence": {{value}}}"""));
        await response.ShouldFailAsync(HttpStatusCode.BadRequest, "validation_failed", field: "change_sequence");
    }

    [Theory]
    [MemberData(nameof(SessionPatchPaths))]
    public async Task PatchWithALoneSurrogateValueOrKeyOrInvalidUtf8Is400BeforeAnyLookup(string path)
    {
        var host = await api.CreateHostAsync();
        var url = string.Format(path, Guid.NewGuid());

        await (await host.Client.PatchAsync(url, Json("""{"name": "\ud800"}"""))).ShouldFailAsync(HttpStatusCode.BadRequest, "validation_failed", field: "name");
        await (await host.Client.PatchAsync(url, Json("""{"name": "ok", "\udc00": 1}"""))).ShouldFailAsync(HttpStatusCode.BadRequest, "malformed_json");
        byte[] invalidUtf8 = [.. "{\"name\": \""u8, 0xC3, 0x28, 0xFF, .. "\"}"u8];
        await (await host.Client.PatchAsync(url, Bytes(invalidUtf8))).ShouldFailAsync(HttpStatusCode.BadRequest, "validation_failed", field: "name");
    }

    [Fact]
    public async Task PatchStillNamesReadOnlyAndUnknownFieldsAndRenames()
    {
        var (host, _, session) = await api.CreateHostWithSessionAsync();
        var url = $"/v1/libraries/{DefaultLibrary}/sessions/{session.Id}";
        var error = await (await host.Client.PatchAsync(url, Json("""{"name": "Fine", "state": "live", "colour": "red"}""")))
            .ShouldFailAsync(HttpStatusCode.BadRequest, "validation_failed", field: "state");
        Assert.Contains("read-only", error.MessageOf("state"));
        Assert.Equal("is not a known field", error.MessageOf("colour"));

        var renamed = await (await host.Client.PatchAsync(url, Json("""{"name": " Renamed ", "change_sequence": 1}"""))).ShouldSucceedAsync<SessionDto>();
        Assert.Equal("Renamed", renamed.Name);
    }

    [Fact]
    public async Task OpenApiDocumentsTheSessionPatchBody()
    {
        using var document = JsonDocument.Parse(await api.Anonymous().GetStringAsync("/openapi/v1.json"));
        foreach (var path in new[] { "/v1/sessions/{sessionId}", "/v1/libraries/{libraryId}/sessions/{sessionId}" })
        {
            var schema = document.RootElement.GetProperty("paths").GetProperty(path).GetProperty("patch")
                .GetProperty("requestBody").GetProperty("content").GetProperty("application/json").GetProperty("schema");
            if (schema.TryGetProperty("$ref", out var reference))
            {
                schema = document.RootElement.GetProperty("components").GetProperty("schemas").GetProperty(reference.GetString()!.Split('/')[^1]);
            }

            var responses = document.RootElement.GetProperty("paths").GetProperty(path).GetProperty("patch").GetProperty("responses");
            Assert.True(responses.TryGetProperty("413", out _) && responses.TryGetProperty("415", out _), responses.ToString());
            var properties = schema.GetProperty("properties");
            Assert.True(properties.TryGetProperty("name", out _), schema.ToString());
            Assert.True(properties.TryGetProperty("change_sequence", out _), schema.ToString());
        }
    }

    // --- 3. Amplification -------------------------------------------------------------------------------------------

    [Fact]
    public async Task ABodyOverTheLimitIs413NamingTheLimit()
    {
        var host = await api.CreateHostAsync();
        var response = await host.Client.PostAsync("/v1/rooms", Json($$"""{"title": "{{new string('x', 70_000)}}"}"""));
        var error = await response.ShouldFailAsync(HttpStatusCode.RequestEntityTooLarge, "payload_too_large", field: "body");
        Assert.Contains("65536 bytes (64 KB)", error.Message);
    }

    [Fact]
    public async Task AChunkedBodyOverTheLimitIs413Too()
    {
        var host = await api.CreateHostAsync();
        var content = new StreamContent(new MemoryStream(Encoding.UTF8.GetBytes($$"""{"title": "{{new string('x', 70_000)}}"}""")));
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        using var request = new HttpRequestMessage(HttpMethod.Post, "/v1/rooms") { Content = content };
        request.Headers.TransferEncodingChunked = true;
        var response = await host.Client.SendAsync(request);
        await response.ShouldFailAsync(HttpStatusCode.RequestEntityTooLarge, "payload_too_large");
    }

    [Fact]
    public async Task AChunkedBodyUnderTheLimitIsRead()
    {
        var host = await api.CreateHostAsync();
        var content = new StreamContent(new MemoryStream("""{"title": "Chunked"}"""u8.ToArray()));
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        using var request = new HttpRequestMessage(HttpMethod.Post, "/v1/rooms") { Content = content };
        request.Headers.TransferEncodingChunked = true;
        var room = await (await host.Client.SendAsync(request)).ShouldSucceedAsync<RoomDto>(HttpStatusCode.Created);
        Assert.Equal("Chunked", room.Title);
    }

    [Fact]
    public async Task ABodyOfThousandsOfUnknownKeysAnswersABoundedListOfErrors()
    {
        var host = await api.CreateHostAsync();
        var keys = string.Join(",", Enumerable.Range(0, 5000).Select(i => $"\"k{i}\":1"));
        var response = await host.Client.PatchAsync($"/v1/sessions/{Guid.NewGuid()}", Json("{" + keys + "}"));
        var body = await response.Content.ReadAsStringAsync();
        var error = await response.ShouldFailAsync(HttpStatusCode.BadRequest, "validation_failed");
        Assert.InRange(error.Details!.Count, 1, 21);
        Assert.Contains("first 20", error.Message);
        Assert.True(body.Length < 4096, $"{body.Length} bytes of errors");
    }

    [Theory]
    [InlineData("/v1/sessions")]
    [InlineData("/v1/rooms/mine")]
    [InlineData("/v1/sessions/stats")]
    public async Task AFilterListLongerThanTheBoundIs400(string path)
    {
        var host = await api.CreateHostAsync();
        var response = await host.Client.GetAsync(path + "?state=" + string.Join(",", Enumerable.Repeat("live", 1000)));
        if (path == "/v1/rooms/mine")
        {
            await response.ShouldSucceedAsync(); // rooms take no state filter
            return;
        }

        var error = await response.ShouldFailAsync(HttpStatusCode.BadRequest, "validation_failed", field: "state");
        Assert.Contains("at most", error.MessageOf("state"));
        Assert.Single(error.Details!);
    }

    [Theory]
    [InlineData("/v1/sessions?title=a%00b")]
    [InlineData("/v1/rooms?title=%07bell")]
    [InlineData("/v1/rooms/mine?title=x%0Ay")]
    public async Task ATitleFilterWithControlCharactersIs400(string url)
    {
        var host = await api.CreateHostAsync();
        var error = await (await host.Client.GetAsync(url)).ShouldFailAsync(HttpStatusCode.BadRequest, "validation_failed", field: "title");
        Assert.Contains("control", error.MessageOf("title"));
    }

    [Fact]
    public async Task ManyBadFilterValuesGiveOneErrorPerDistinctValueUpToTheBound()
    {
        var host = await api.CreateHostAsync();
        var response = await host.Client.GetAsync("/v1/sessions?state=nope,nope,nope,live");
        var error = await response.ShouldFailAsync(HttpStatusCode.BadRequest, "validation_failed", field: "state");
        Assert.Single(error.Details!);
    }

    // --- 4. Text that says nothing, control characters, one max_duration rule, no internal fields ------------------

    [Theory]
    [InlineData("\u200B\u200B")]
    [InlineData("\u200D\uFEFF")]
    [InlineData("\u0301\u0308")]
    [InlineData(" \u200B \u0301 ")]
    public async Task ANameOfOnlyInvisibleOrCombiningCharactersIsBlank(string name)
    {
        var (host, room, session) = await api.CreateHostWithSessionAsync();
        var encoded = JsonSerializer.Serialize(name);
        await (await host.Client.PostAsync("/v1/rooms", Json($$"""{"title": {{encoded}}}""")))
            .ShouldFailAsync(HttpStatusCode.BadRequest, "validation_failed", field: "title");
        await (await host.Client.PostAsync($"/v1/rooms/{room.Id}/sessions", Json($$"""{"name": {{encoded}}, "scheduled_at": "{{DateTimeOffset.UtcNow.AddHours(1):O}}"}""")))
            .ShouldFailAsync(HttpStatusCode.BadRequest, "validation_failed", field: "name");
        var error = await (await host.Client.PatchAsync($"/v1/sessions/{session.Id}", Json($$"""{"name": {{encoded}}}""")))
            .ShouldFailAsync(HttpStatusCode.BadRequest, "validation_failed", field: "name");
        Assert.Contains("blank", error.MessageOf("name"));
    }

    [Fact]
    public async Task ANameWithVisibleCharactersAmongCombiningOnesIsFine()
    {
        var host = await api.CreateHostAsync();
        var room = await (await host.Client.PostAsync("/v1/rooms", Json("""{"title": "Cafe\u0301 \uD83C\uDFA5"}"""))).ShouldSucceedAsync<RoomDto>(HttpStatusCode.Created);
        Assert.Equal("Cafe\u0301 \uD83C\uDFA5", room.Title);
    }

    [Theory]
    [InlineData("name", "\"a\\u0000b\"")]
    [InlineData("name", "\"line\\nbreak\"")]
    [InlineData("name", "\"bell\\u0007\"")]
    [InlineData("product", "\"pro\\u0000\"")]
    [InlineData("product", "\"tab\\tbed\"")]
    public async Task ControlCharactersInNameOrProductAreRejected(string field, string value)
    {
        var (host, room) = await api.CreateHostWithRoomAsync();
        var name = field == "name" ? value : "\"Fine\"";
        var product = field == "product" ? value : "\"standard\"";
        var response = await host.Client.PostAsync($"/v1/rooms/{room.Id}/sessions",
            Json($$"""{"name": {{name}}, "product": {{product}}, "scheduled_at": "{{DateTimeOffset.UtcNow.AddHours(1):O}}"}"""));
        var error = await response.ShouldFailAsync(HttpStatusCode.BadRequest, "validation_failed", field: field);
        Assert.Contains("control", error.MessageOf(field));
    }

    [Fact]
    public async Task ADescriptionMayHoldLineBreaksButNotNul()
    {
        var (host, room) = await api.CreateHostWithRoomAsync();
        var at = DateTimeOffset.UtcNow.AddHours(1).ToString("O");
        await (await host.Client.PostAsync($"/v1/rooms/{room.Id}/sessions", Json($$"""{"name": "S", "description": "one\ntwo\tthree", "scheduled_at": "{{at}}"}""")))
            .ShouldSucceedAsync(HttpStatusCode.Created);
        await (await host.Client.PostAsync($"/v1/rooms/{room.Id}/sessions", Json($$"""{"name": "S", "description": "one\u0000two", "scheduled_at": "{{at}}"}""")))
            .ShouldFailAsync(HttpStatusCode.BadRequest, "validation_failed", field: "description");
    }

    /// <summary>The limit is Sessions:MaxDuration (4 h by default), checked with the other fields: one 400 lists both problems.</summary>
    [Fact]
    public async Task MaxDurationAboveTheConfiguredMaximumIsReportedWithTheOtherFields()
    {
        var (host, room) = await api.CreateHostWithRoomAsync();
        var response = await host.Client.PostAsync($"/v1/rooms/{room.Id}/sessions",
            Json($$"""{"name": "", "max_duration_seconds": 14401, "scheduled_at": "{{DateTimeOffset.UtcNow.AddHours(1):O}}"}"""));
        var error = await response.ShouldFailAsync(HttpStatusCode.BadRequest, "validation_failed", field: "max_duration_seconds");
        Assert.Contains(error.Details!, d => d.Field == "name");
        Assert.Equal("must be between 1 and 14400 seconds", error.MessageOf("max_duration_seconds"));
    }

    [Fact]
    public async Task MaxDurationAtTheConfiguredMaximumIsAccepted()
    {
        var (host, room) = await api.CreateHostWithRoomAsync();
        var response = await host.Client.PostAsync($"/v1/rooms/{room.Id}/sessions",
            Json($$"""{"name": "Long", "max_duration_seconds": 14400, "scheduled_at": "{{DateTimeOffset.UtcNow.AddHours(1):O}}"}"""));
        Assert.Equal(14400, (await response.ShouldSucceedAsync<SessionDto>(HttpStatusCode.Created)).Config.MaxDurationSeconds);
    }

    [Fact]
    public async Task ParsedFieldsAreUnknownFieldsInBodies()
    {
        var admin = await api.AdminAsync();
        var (host, room) = await api.CreateHostWithRoomAsync();
        var at = DateTimeOffset.UtcNow.AddHours(1).ToString("O");
        await (await host.Client.PostAsync($"/v1/rooms/{room.Id}/sessions", Json($$"""{"name": "S", "scheduled_at": "{{at}}", "parsed_type": "meeting"}""")))
            .ShouldFailAsync(HttpStatusCode.BadRequest, "validation_failed", field: "parsed_type");
        await (await admin.Client.PostAsync("/v1/admin/users",
                Json("""{"email": "p@tests.roomcast.local", "password": "password-123", "display_name": "P", "parsed_role": "admin"}""")))
            .ShouldFailAsync(HttpStatusCode.BadRequest, "validation_failed", field: "parsed_role");
        await (await admin.Client.PostAsync($"/v1/admin/libraries/{DefaultLibrary}/api_keys", Json("""{"name": "K", "role": "host", "parsed_role": "admin"}""")))
            .ShouldFailAsync(HttpStatusCode.BadRequest, "validation_failed", field: "parsed_role");
        await (await admin.Client.PostAsync("/v1/admin/sessions/batch", Json($$"""{"ids": ["{{Guid.NewGuid()}}"], "parsed_ids": []}""")))
            .ShouldFailAsync(HttpStatusCode.BadRequest, "validation_failed", field: "parsed_ids");
    }

    [Fact]
    public async Task OpenApiShowsNoParsedFields()
    {
        var document = await api.Anonymous().GetStringAsync("/openapi/v1.json");
        Assert.DoesNotContain("parsed_", document);
    }
}
