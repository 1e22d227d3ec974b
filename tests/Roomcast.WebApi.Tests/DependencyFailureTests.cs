using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Logging;
using Npgsql;
using Orleans.Runtime.Messaging;
using Orleans.Storage;
using Roomcast.Errors;
using Roomcast.WebApi.Infrastructure;
using Roomcast.WebApi.Tests.Infrastructure;

namespace Roomcast.WebApi.Tests;

/// <summary>
/// A dependency that is down (PostgreSQL, grain storage, a silo, the gateway) or did not answer in time is a 503 with
/// <c>Retry-After</c> and the <c>unavailable</c> envelope, logged as a one-line warning; a bug of ours stays a logged 500.
/// </summary>
[Collection(DependencyFailureCollection.Name)]
public sealed class DependencyFailureTests(FaultInjectingApiFactory api) : IDisposable
{
    public static TheoryData<string> CatalogFailures => [.. CatalogFailure.Keys];

    private static readonly Dictionary<string, Func<Exception>> CatalogFailure = new()
    {
        ["npgsql connection refused"] = () => new NpgsqlException("Failed to connect to 127.0.0.1:5432", new SocketException((int)SocketError.ConnectionRefused)),
        ["npgsql pool exhausted"] = () => new NpgsqlException("The connection pool has been exhausted", new TimeoutException()),
        ["postgres shutting down"] = () => new PostgresException("terminating connection due to administrator command", "FATAL", "FATAL", "57P01"),
        ["timeout"] = () => new TimeoutException("Response did not arrive on time in 00:00:30 for message: Request ..."),
        ["silo unavailable"] = () => new SiloUnavailableException("The target silo became unavailable for message: ..."),
        ["gateway too busy"] = () => new GatewayTooBusyException("Shedding load"),
        ["gateway connection failed"] = () => new ConnectionFailedException("Unable to connect to endpoint S127.0.0.1:30000:0"),
        ["storage unavailable"] = () => new StorageUnavailableException("Storage failed for room/1"),
        ["inconsistent state"] = () => new InconsistentStateException("ETag mismatch", "1", "2"),
        ["roomcast unavailable"] = () => RoomcastException.Unavailable("The session store is unavailable; retry shortly."),
        ["wrapped by orleans"] = () => new OrleansException("Error from storage provider", new TimeoutException("Timeout")),
        ["wrapped in aggregate"] = () => new AggregateException(new InvalidOperationException("secondary"),
            new NpgsqlException("Exception while reading from stream", new IOException("broken pipe"))),
    };

    [Theory]
    [MemberData(nameof(CatalogFailures))]
    public async Task ListingAnswers503WithRetryAfterWhenItsDependencyFails(string failure)
    {
        var user = await api.CreateHostAsync();
        var thrown = CatalogFailure[failure]();
        api.Faults.CatalogReads = () => thrown;

        var response = await user.Client.GetAsync("/v1/sessions");

        var error = await response.ShouldFailAsync(HttpStatusCode.ServiceUnavailable, "unavailable");
        Assert.Equal(TimeSpan.FromSeconds(DependencyFailure.RetryAfterSeconds), response.Headers.RetryAfter?.Delta);
        var body = await response.Content.ReadAsStringAsync();
        Assert.DoesNotContain("Exception", body);
        Assert.DoesNotContain(" at ", body);
        Assert.DoesNotContain("127.0.0.1", body);
        Assert.NotEmpty(error.Message);
    }

    [Fact]
    public async Task DependencyFailureIsLoggedAsOneWarningWithoutStackTrace()
    {
        var user = await api.CreateHostAsync();
        var marker = "pool exhausted " + Guid.NewGuid().ToString("N");
        api.Faults.CatalogReads = () => new NpgsqlException(marker, new TimeoutException());

        var response = await user.Client.GetAsync("/v1/sessions/live");

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        var line = Assert.Single(api.Logs, l => l.Message.Contains(marker));
        Assert.Equal(LogLevel.Warning, line.Level);
        Assert.Null(line.Exception);
        Assert.Contains("NpgsqlException", line.Message);
        Assert.Contains("/v1/sessions/live", line.Message);
        Assert.DoesNotContain('\n', line.Message);
    }

    [Fact]
    public async Task BugStaysALogged500WithoutRetryAfter()
    {
        var user = await api.CreateHostAsync();
        var marker = "bug " + Guid.NewGuid().ToString("N");
        api.Faults.CatalogReads = () => new InvalidOperationException(marker);

        var response = await user.Client.GetAsync("/v1/sessions");

        await response.ShouldFailAsync(HttpStatusCode.InternalServerError, "internal_error");
        Assert.Null(response.Headers.RetryAfter);
        Assert.DoesNotContain(marker, await response.Content.ReadAsStringAsync());
        var line = Assert.Single(api.Logs, l => l.Exception?.Message == marker);
        Assert.Equal(LogLevel.Error, line.Level);
    }

    [Fact]
    public async Task PostgresErrorThatIsNotTransientIsABug()
    {
        var user = await api.CreateHostAsync();
        api.Faults.CatalogReads = () => new PostgresException("relation \"catalog_sessions\" does not exist", "ERROR", "ERROR", "42P01");

        var response = await user.Client.GetAsync("/v1/sessions");

        await response.ShouldFailAsync(HttpStatusCode.InternalServerError, "internal_error");
    }

    [Theory]
    [InlineData("storage unavailable")]
    [InlineData("inconsistent state")]
    public async Task GrainWriteAnswers503WhenGrainStorageFails(string failure)
    {
        var user = await api.CreateHostAsync();
        api.Faults.StorageWrite = CatalogFailure[failure];
        api.Faults.FailWritesOf = "room";

        var response = await user.Client.PostAsync("/v1/rooms", ApiJson.Body(new { Title = "Room while storage is down" }));

        await response.ShouldFailAsync(HttpStatusCode.ServiceUnavailable, "unavailable");
        Assert.NotNull(response.Headers.RetryAfter);
    }

    [Fact]
    public async Task ReadyIs503WhilePostgresIsUnreachableAndLiveStaysOk()
    {
        var client = api.Anonymous();

        var ready = await client.GetAsync("/health/ready");
        var compatibility = await client.GetAsync("/health");
        var live = await client.GetAsync("/health/live");

        Assert.Equal(HttpStatusCode.ServiceUnavailable, ready.StatusCode);
        Assert.Equal("Unhealthy", await ready.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.ServiceUnavailable, compatibility.StatusCode);
        Assert.Equal(HttpStatusCode.OK, live.StatusCode);
        Assert.Equal("Healthy", await live.Content.ReadAsStringAsync());
    }

    public void Dispose()
    {
        api.Faults.CatalogReads = null;
        api.Faults.FailWritesOf = null;
    }
}
