using System.Net;
using System.Text.Json;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Roomcast.WebApi.Tests.Infrastructure;

namespace Roomcast.WebApi.Tests;

[Collection(AuthCollection.Name)]
public sealed class PlatformTests(RoomcastApiFactory api)
{
    /// <summary>Every route of the API, taken from the permission matrix so a route is listed in one place.</summary>
    public static TheoryData<string, string> Routes
    {
        get
        {
            var data = new TheoryData<string, string>();
            foreach (var row in PermissionMatrixTests.Routes)
            {
                data.Add(row.Template, row.Method.ToLowerInvariant());
            }

            return data;
        }
    }

    [Theory]
    [MemberData(nameof(Routes))]
    public async Task OpenApiDocumentIsAnonymousAndListsEveryRoute(string path, string method)
    {
        var response = await api.Anonymous().GetAsync("/openapi/v1.json");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var document = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var paths = document.RootElement.GetProperty("paths");

        var item = paths.EnumerateObject().FirstOrDefault(p => p.Name.TrimEnd('/') == path);
        Assert.True(item.Value.ValueKind == JsonValueKind.Object, $"{path} is missing from the OpenAPI paths");
        Assert.True(item.Value.TryGetProperty(method, out _), $"{method.ToUpperInvariant()} {path} is missing from the OpenAPI document");
    }

    [Fact]
    public async Task OpenApiDocumentDeclaresBearerScheme()
    {
        using var document = JsonDocument.Parse(await api.Anonymous().GetStringAsync("/openapi/v1.json"));
        Assert.Equal("bearer", document.RootElement.GetProperty("components").GetProperty("securitySchemes").GetProperty("Bearer").GetProperty("scheme").GetString());
    }

    [Fact]
    public async Task OpenApiDocumentDeclaresApiKeySchemeAsAnAlternative()
    {
        using var document = JsonDocument.Parse(await api.Anonymous().GetStringAsync("/openapi/v1.json"));
        var scheme = document.RootElement.GetProperty("components").GetProperty("securitySchemes").GetProperty("ApiKey");
        Assert.Equal("apiKey", scheme.GetProperty("type").GetString());
        Assert.Equal("header", scheme.GetProperty("in").GetString());
        Assert.Equal("x-api-key", scheme.GetProperty("name").GetString());

        // Per operation, as two requirement objects: either one satisfies it.
        var requirements = document.RootElement.GetProperty("paths").GetProperty("/v1/sessions/{sessionId}").GetProperty("get")
            .GetProperty("security").EnumerateArray().Select(r => string.Join('+', r.EnumerateObject().Select(p => p.Name))).ToList();
        Assert.Equal(["Bearer", "ApiKey"], requirements);
    }

    [Fact]
    public async Task HealthIsOkAnonymously()
    {
        var response = await api.Anonymous().GetAsync("/health");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Healthy", await response.Content.ReadAsStringAsync());
    }

    [Theory]
    [InlineData("/health/live")]
    [InlineData("/health/ready")]
    public async Task HealthEndpointsAreOkAnonymouslyWhileTheSiloIsActive(string path)
    {
        var response = await api.Anonymous().GetAsync(path);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Healthy", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public void ApiListensOnLoopback8080UnlessUrlsAreConfigured()
    {
        var configuration = api.Services.GetRequiredService<IConfiguration>();
        var fromEnvironment = Environment.GetEnvironmentVariable("ASPNETCORE_URLS");
        var portsFromEnvironment = Environment.GetEnvironmentVariable("ASPNETCORE_HTTP_PORTS") ?? Environment.GetEnvironmentVariable("ASPNETCORE_HTTPS_PORTS");
        if (fromEnvironment is null && portsFromEnvironment is null)
        {
            Assert.Equal("http://127.0.0.1:8080", configuration["urls"]);
        }
        else
        {
            Assert.Equal(fromEnvironment, configuration["urls"]);
        }
    }

    [Fact]
    public async Task ScalarReferencePageIsServedAnonymously()
    {
        var response = await api.Anonymous().GetAsync("/reference");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("html", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task DashboardResponds()
    {
        var response = await api.Anonymous().GetAsync("/dashboard");
        Assert.True(response.StatusCode is not HttpStatusCode.NotFound and < HttpStatusCode.InternalServerError,
            $"/dashboard answered {(int)response.StatusCode}");
    }

    [Fact]
    public async Task WrongMethodGetsMethodNotAllowedEnvelope()
    {
        var admin = await api.AdminAsync();
        var response = await admin.Client.PutAsync("/v1/rooms", ApiJson.Body(new { Title = "X" }));
        await response.ShouldFailAsync(HttpStatusCode.MethodNotAllowed, "method_not_allowed");
    }

    [Fact]
    public async Task UnknownRouteGetsNotFoundEnvelope()
    {
        var response = await api.Anonymous().GetAsync("/v1/nothing-here");
        await response.ShouldFailAsync(HttpStatusCode.NotFound, "not_found");
    }
}
