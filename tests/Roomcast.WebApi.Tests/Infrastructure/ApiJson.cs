using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;

namespace Roomcast.WebApi.Tests.Infrastructure;

/// <summary>Reads and checks the response envelope: status, <c>success</c>, <c>timestamp</c>, then <c>data</c> or <c>error</c>.</summary>
public static class ApiJson
{
    public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
    };

    /// <summary>A JSON body as written, for bodies an anonymous object cannot express (malformed, unknown fields).</summary>
    public static StringContent Raw(string json) => new(json, Encoding.UTF8, "application/json");

    /// <summary>A body serialized with snake_case names (<c>new { ScheduledAt = ... }</c> becomes <c>scheduled_at</c>).</summary>
    public static JsonContent Body(object value) => JsonContent.Create(value, value.GetType(), options: Options);

    /// <summary>Asserts a success envelope with <paramref name="expected"/> status and returns its <c>data</c> as <typeparamref name="T"/>.</summary>
    public static async Task<T> ShouldSucceedAsync<T>(this HttpResponseMessage response, HttpStatusCode expected = HttpStatusCode.OK)
    {
        var data = await response.ShouldSucceedAsync(expected);
        return data.Deserialize<T>(Options) ?? throw new InvalidOperationException("data was null");
    }

    /// <summary>Asserts a success envelope with <paramref name="expected"/> status and returns its <c>data</c>.</summary>
    public static async Task<JsonElement> ShouldSucceedAsync(this HttpResponseMessage response, HttpStatusCode expected = HttpStatusCode.OK)
    {
        var (root, body) = await ReadAsync(response);
        Assert.True(response.StatusCode == expected,
            $"{response.RequestMessage?.Method} {response.RequestMessage?.RequestUri?.PathAndQuery}: expected {(int)expected}, got {(int)response.StatusCode}: {body}");
        Assert.True(root.GetProperty("success").GetBoolean(), body);
        Assert.True(root.GetProperty("timestamp").GetInt64() > 0, body);
        Assert.False(root.TryGetProperty("error", out _), body);
        return root.GetProperty("data");
    }

    /// <summary>
    /// Asserts an error envelope: the status, <c>success: false</c>, the <c>error.code</c>, and when given the
    /// field named in <c>error.details</c>.
    /// </summary>
    public static async Task<ErrorBody> ShouldFailAsync(
        this HttpResponseMessage response, HttpStatusCode expected, string code, string? field = null)
    {
        var (root, body) = await ReadAsync(response);
        Assert.True(response.StatusCode == expected,
            $"{response.RequestMessage?.Method} {response.RequestMessage?.RequestUri?.PathAndQuery}: expected {(int)expected}, got {(int)response.StatusCode}: {body}");
        var envelope = root.Deserialize<ErrorEnvelope>(Options)!;
        Assert.False(envelope.Success, body);
        Assert.True(envelope.Timestamp > 0, body);
        Assert.False(root.TryGetProperty("data", out _), body);
        Assert.NotNull(envelope.Error);
        Assert.Equal(code, envelope.Error.Code);
        Assert.False(string.IsNullOrWhiteSpace(envelope.Error.Message), body);
        if (field is not null)
        {
            Assert.True(envelope.Error.Details?.Any(d => d.Field == field) == true, $"expected error.details to name '{field}': {body}");
        }

        return envelope.Error;
    }

    private static async Task<(JsonElement Root, string Body)> ReadAsync(HttpResponseMessage response)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.Content.Headers.ContentType?.MediaType?.Contains("json") == true,
            $"{response.RequestMessage?.RequestUri?.PathAndQuery}: expected a JSON body, got '{response.Content.Headers.ContentType}' ({(int)response.StatusCode}): {body}");
        using var document = JsonDocument.Parse(body);
        return (document.RootElement.Clone(), body);
    }
}

public sealed record ErrorEnvelope(bool Success, ErrorBody Error, long Timestamp);

public sealed record ErrorBody(string Code, string Message, IReadOnlyList<FieldDetail>? Details)
{
    public string? MessageOf(string field) => Details?.FirstOrDefault(d => d.Field == field)?.Message;
}

public sealed record FieldDetail(string Field, string Message);
