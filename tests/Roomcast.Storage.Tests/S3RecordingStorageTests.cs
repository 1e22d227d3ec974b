using System.Net;
using System.Net.Http.Headers;
using System.Net.Sockets;
using System.Web;
using Roomcast.Storage.Tests.Infrastructure;

namespace Roomcast.Storage.Tests;

/// <summary>
/// The S3 store against s3rver. Presigned URLs are signed and checked with the real clock (s3rver checks expiry
/// against its own), so these tests use <see cref="TimeProvider.System"/>.
/// </summary>
[Collection(S3rverCollection.Name)]
public sealed class S3RecordingStorageTests(S3rverServer server) : RecordingStorageContract
{
    private static readonly HttpClient Http = new() { Timeout = TimeSpan.FromSeconds(30) };

    protected override async Task<IRecordingStorage> CreateStorageAsync()
    {
        if (new ToolFactAttribute("npm").Skip is not null)
        {
            // No server to reach; the facts are skipped, and only the key checks could run (they need none).
            return new S3RecordingStorage(server.Options(new Uri("http://127.0.0.1:9")));
        }
        return new S3RecordingStorage(server.Options(await server.EndpointAsync()));
    }

    protected override async Task<byte[]> ReadAsync(StoredObjectAccess access)
    {
        var redirect = Assert.IsType<RedirectAccess>(access);
        using var response = await Http.GetAsync(redirect.Url);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadAsByteArrayAsync();
    }

    [ToolFact("npm")]
    public async Task The_presigned_url_serves_ranges()
    {
        var key = Folder + "range.mp4";
        var bytes = Bytes(1_000);
        await Storage.WriteAsync(key, new MemoryStream(bytes));
        var access = Assert.IsType<RedirectAccess>(await Storage.GetReadAccessAsync(key, DateTimeOffset.UtcNow.AddMinutes(5), null));

        using var request = new HttpRequestMessage(HttpMethod.Get, access.Url) { Headers = { Range = new RangeHeaderValue(100, 199) } };
        using var response = await Http.SendAsync(request);

        Assert.Equal(HttpStatusCode.PartialContent, response.StatusCode);
        Assert.Equal(bytes[100..200], await response.Content.ReadAsByteArrayAsync());
        Assert.Equal(new ContentRangeHeaderValue(100, 199, 1_000), response.Content.Headers.ContentRange);
    }

    [ToolFact("npm")]
    public async Task An_attachment_name_makes_the_store_answer_with_that_content_disposition()
    {
        var key = Folder + "named.mp4";
        await Storage.WriteAsync(key, new MemoryStream(Bytes(10)));
        const string name = "Keynote \"2026\" – été.mp4";

        var access = Assert.IsType<RedirectAccess>(await Storage.GetReadAccessAsync(key, DateTimeOffset.UtcNow.AddMinutes(5), name));
        using var response = await Http.GetAsync(access.Url);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var disposition = string.Join(", ", response.Content.Headers.GetValues("Content-Disposition"));
        Assert.Equal("attachment; filename=\"Keynote _2026_ _ _t_.mp4\"; filename*=UTF-8''Keynote%20%222026%22%20%E2%80%93%20%C3%A9t%C3%A9.mp4", disposition);
        Assert.Equal(ContentDispositions.Attachment(name), disposition);
    }

    [ToolFact("npm")]
    public async Task The_presigned_url_lives_until_the_deadline_asked_for_but_never_past_the_cap()
    {
        var key = Folder + "expiry.mp4";
        await Storage.WriteAsync(key, new MemoryStream(Bytes(10)));

        var shortLived = Assert.IsType<RedirectAccess>(await Storage.GetReadAccessAsync(key, DateTimeOffset.UtcNow.AddMinutes(2), null));
        var capped = Assert.IsType<RedirectAccess>(await Storage.GetReadAccessAsync(key, DateTimeOffset.UtcNow.AddDays(3), null));

        // The SDK rounds the lifetime up to whole seconds against its own reading of the clock.
        Assert.InRange(ExpiresSeconds(shortLived.Url), 110, 125);
        Assert.InRange(ExpiresSeconds(capped.Url), 3_590, 3_605);
    }

    [ToolFact("npm")]
    public async Task Credentials_the_store_does_not_know_make_it_unavailable_not_empty()
    {
        // s3rver knows its access key ids but does not check SigV4 signatures, so a wrong key id is what it can refuse.
        var options = server.Options(await server.EndpointAsync());
        options.AccessKey = "NOT-S3RVER";
        options.MaxRetries = 0;
        using var storage = new S3RecordingStorage(options);

        await AssertUnavailableAsync(() => storage.StatAsync(Folder + "a.mp4"));
        await AssertUnavailableAsync(() => storage.WriteAsync(Folder + "a.mp4", new MemoryStream(Bytes(3))));
        Assert.Empty(await ListAsync(Folder));
    }

    [Fact]
    public void Egress_uploads_to_the_same_bucket_with_the_same_credentials()
    {
        var options = server.Options(new Uri("http://127.0.0.1:9000"));
        options.Region = "eu-west-1";
        using var storage = new S3RecordingStorage(options);

        Assert.Equal(
            new EgressUploadTarget("recordings/s1/r1.mp4",
                new S3UploadTarget(S3rverServer.Bucket, "eu-west-1", "http://127.0.0.1:9000/", S3rverServer.AccessKey, S3rverServer.SecretKey, true)),
            storage.EgressTargetFor("recordings/s1/r1.mp4"));
    }

    [Fact]
    public async Task A_store_on_a_closed_port_is_unavailable_within_a_bounded_time()
    {
        var options = server.Options(new Uri($"http://127.0.0.1:{ClosedPort()}"));
        options.RequestTimeout = TimeSpan.FromSeconds(2);
        options.MaxRetries = 1;
        using var storage = new S3RecordingStorage(options);
        var started = DateTimeOffset.UtcNow;

        await AssertUnavailableAsync(() => storage.StatAsync("recordings/a.mp4"));
        await AssertUnavailableAsync(() => storage.WriteAsync("recordings/a.mp4", new MemoryStream(Bytes(3))));
        await AssertUnavailableAsync(() => storage.DeleteAsync("recordings/a.mp4"));
        await AssertUnavailableAsync(() => storage.GetReadAccessAsync("recordings/a.mp4", DateTimeOffset.UtcNow.AddMinutes(1), null));
        await AssertUnavailableAsync(async () =>
        {
            await foreach (var _ in storage.ListAsync("recordings/"))
            {
            }
        });

        Assert.True(DateTimeOffset.UtcNow - started < TimeSpan.FromSeconds(30), $"took {DateTimeOffset.UtcNow - started}");
    }

    private static int ExpiresSeconds(Uri url) => int.Parse(HttpUtility.ParseQueryString(url.Query)["X-Amz-Expires"]!);

    private static int ClosedPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }
}
