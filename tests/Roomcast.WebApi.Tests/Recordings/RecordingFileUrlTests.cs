using System.Net;
using System.Net.Http.Headers;
using Microsoft.AspNetCore.WebUtilities;
using Roomcast.WebApi.Tests.Infrastructure;

namespace Roomcast.WebApi.Tests.Recordings;

/// <summary>
/// Signed file URLs: GET /v1/recordings/{id}/download_url signs, GET /v1/recordings/{id}/file serves to whoever holds
/// the URL (no credentials), with ranges and conditional requests, and refuses anything expired, tampered with, or
/// signed for another recording. The signer runs on a fake clock so expiry needs no waiting.
/// </summary>
[Collection(RecordingFileUrlsCollection.Name)]
public sealed class RecordingFileUrlTests(RecordingUrlClockApiFactory api)
{
    private readonly RecordingScenario _scenario = new(api);

    private async Task<(TestUser Host, RecordingDto Recording, byte[] Content)> ReadyAsync(string title = "Board meeting")
    {
        var (host, session) = await _scenario.LiveSessionAsync();
        var content = RecordingScenario.Content(5000, seed: Random.Shared.Next(250));
        return (host, await _scenario.ReadyRecordingAsync(host, session.Id, content, title), content);
    }

    private static async Task<RecordingDownloadDto> DownloadUrlAsync(TestUser user, Guid recordingId, string query = "") =>
        await (await user.Client.GetAsync($"/v1/recordings/{recordingId}/download_url{query}")).ShouldSucceedAsync<RecordingDownloadDto>();

    private static string PathAndQuery(RecordingDownloadDto link) => new Uri(link.Url).PathAndQuery;

    /// <summary>The URL with one query parameter replaced.</summary>
    private static string With(RecordingDownloadDto link, string parameter, string value)
    {
        var uri = new Uri(link.Url);
        var query = QueryHelpers.ParseQuery(uri.Query).ToDictionary(p => p.Key, p => (string?)p.Value.ToString());
        query[parameter] = value;
        return QueryHelpers.AddQueryString(uri.AbsolutePath, query);
    }

    private Task<HttpResponseMessage> FetchAsync(string pathAndQuery, Action<HttpRequestMessage>? configure = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, pathAndQuery);
        configure?.Invoke(request);
        return api.Anonymous().SendAsync(request);
    }

    [Fact]
    public async Task ADownloadUrlIsSignedAndExpiresWhenAsked()
    {
        var (host, recording, _) = await ReadyAsync();

        var link = await DownloadUrlAsync(host, recording.Id, "?expires_in=120");

        var query = QueryHelpers.ParseQuery(new Uri(link.Url).Query);
        Assert.Equal($"/v1/recordings/{recording.Id}/file", new Uri(link.Url).AbsolutePath);
        Assert.Equal(link.ExpiresAt.ToUnixTimeSeconds().ToString(), query["expires"].ToString());
        Assert.Equal("inline", query["disposition"].ToString());
        Assert.False(string.IsNullOrEmpty(query["signature"].ToString()));
        Assert.Equal((recording.Id, "inline", 120), (link.RecordingId, link.Disposition, link.ExpiresIn));
        Assert.Equal(api.Clock.GetUtcNow().ToUnixTimeSeconds() + 120, link.ExpiresAt.ToUnixTimeSeconds());
        Assert.Equal(3600, (await DownloadUrlAsync(host, recording.Id)).ExpiresIn);
    }

    [Fact]
    public async Task TheUrlServesTheFileWithoutCredentials()
    {
        var (host, recording, content) = await ReadyAsync();
        var link = await DownloadUrlAsync(host, recording.Id);

        var response = await FetchAsync(PathAndQuery(link));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("video/mp4", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(content, await response.Content.ReadAsByteArrayAsync());
        Assert.Equal("inline", response.Content.Headers.ContentDisposition?.DispositionType);
        Assert.Equal("bytes", Assert.Single(response.Headers.AcceptRanges));
        Assert.NotNull(response.Headers.ETag);
        Assert.True(response.Headers.CacheControl!.Private);
        Assert.InRange(response.Headers.CacheControl.MaxAge!.Value.TotalSeconds, 3599, 3600);
    }

    [Fact]
    public async Task DownloadTrueMakesItAnAttachmentNamedAfterTheTitle()
    {
        var (host, recording, content) = await ReadyAsync("Board meeting: Q3/Q4");
        var link = await DownloadUrlAsync(host, recording.Id, "?download=true");
        Assert.Equal("attachment", link.Disposition);

        var response = await FetchAsync(PathAndQuery(link));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var disposition = response.Content.Headers.ContentDisposition;
        Assert.Equal("attachment", disposition?.DispositionType);
        Assert.Equal("Board meeting_ Q3_Q4.mp4", disposition?.FileNameStar ?? disposition?.FileName?.Trim('"'));
        Assert.Equal(content, await response.Content.ReadAsByteArrayAsync());
    }

    [Fact]
    public async Task ARangeRequestGetsExactlyThoseBytes()
    {
        var (host, recording, content) = await ReadyAsync();
        var link = await DownloadUrlAsync(host, recording.Id);

        var response = await FetchAsync(PathAndQuery(link), r => r.Headers.Range = new RangeHeaderValue(10, 19));

        Assert.Equal(HttpStatusCode.PartialContent, response.StatusCode);
        Assert.Equal(content[10..20], await response.Content.ReadAsByteArrayAsync());
        Assert.Equal($"bytes 10-19/{content.Length}", response.Content.Headers.ContentRange?.ToString());

        var tail = await FetchAsync(PathAndQuery(link), r => r.Headers.TryAddWithoutValidation("Range", "bytes=-7"));
        Assert.Equal(HttpStatusCode.PartialContent, tail.StatusCode);
        Assert.Equal(content[^7..], await tail.Content.ReadAsByteArrayAsync());

        var beyond = await FetchAsync(PathAndQuery(link), r => r.Headers.Range = new RangeHeaderValue(content.Length + 10, content.Length + 20));
        Assert.Equal(HttpStatusCode.RequestedRangeNotSatisfiable, beyond.StatusCode);
    }

    [Fact]
    public async Task ConditionalRequestsForAnUnchangedFileAre304()
    {
        var (host, recording, _) = await ReadyAsync();
        var link = await DownloadUrlAsync(host, recording.Id);
        var first = await FetchAsync(PathAndQuery(link));
        var etag = first.Headers.ETag!;
        var lastModified = first.Content.Headers.LastModified!.Value;

        var byTag = await FetchAsync(PathAndQuery(link), r => r.Headers.IfNoneMatch.Add(etag));
        var byDate = await FetchAsync(PathAndQuery(link), r => r.Headers.IfModifiedSince = lastModified);
        var otherTag = await FetchAsync(PathAndQuery(link), r => r.Headers.IfNoneMatch.Add(new EntityTagHeaderValue("\"something-else\"")));

        Assert.Equal(HttpStatusCode.NotModified, byTag.StatusCode);
        Assert.Empty(await byTag.Content.ReadAsByteArrayAsync());
        Assert.Equal(HttpStatusCode.NotModified, byDate.StatusCode);
        Assert.Equal(HttpStatusCode.OK, otherTag.StatusCode);
    }

    [Fact]
    public async Task AnExpiredUrlIsRefused()
    {
        var (host, recording, _) = await ReadyAsync();
        var link = await DownloadUrlAsync(host, recording.Id, "?expires_in=60");
        api.Clock.Advance(TimeSpan.FromSeconds(59));
        var lastMoment = await FetchAsync(PathAndQuery(link));
        Assert.Equal(HttpStatusCode.OK, lastMoment.StatusCode);
        Assert.InRange(lastMoment.Headers.CacheControl!.MaxAge!.Value.TotalSeconds, 0, 1);

        api.Clock.Advance(TimeSpan.FromSeconds(2));

        await (await FetchAsync(PathAndQuery(link))).ShouldFailAsync(HttpStatusCode.Forbidden, "url_expired");
    }

    [Fact]
    public async Task ATamperedSignatureExpiryOrDispositionIsRefused()
    {
        var (host, recording, _) = await ReadyAsync();
        var link = await DownloadUrlAsync(host, recording.Id);
        var signature = QueryHelpers.ParseQuery(new Uri(link.Url).Query)["signature"].ToString();
        var flipped = (signature[0] == 'A' ? "B" : "A") + signature[1..];

        await (await FetchAsync(With(link, "signature", flipped))).ShouldFailAsync(HttpStatusCode.Forbidden, "invalid_signature");
        await (await FetchAsync(With(link, "signature", "not-base64!"))).ShouldFailAsync(HttpStatusCode.Forbidden, "invalid_signature");
        await (await FetchAsync(With(link, "expires", (link.ExpiresAt.ToUnixTimeSeconds() + 86400).ToString()))).ShouldFailAsync(HttpStatusCode.Forbidden, "invalid_signature");
        await (await FetchAsync(With(link, "disposition", "attachment"))).ShouldFailAsync(HttpStatusCode.Forbidden, "invalid_signature");
        await (await FetchAsync(With(link, "disposition", "INLINE"))).ShouldFailAsync(HttpStatusCode.Forbidden, "invalid_signature");
        await (await FetchAsync($"/v1/recordings/{recording.Id}/file")).ShouldFailAsync(HttpStatusCode.Forbidden, "invalid_signature");
        Assert.Equal(HttpStatusCode.OK, (await FetchAsync(PathAndQuery(link))).StatusCode);
    }

    [Fact]
    public async Task OneRecordingsSignatureDoesNotOpenAnother()
    {
        var (host, first, _) = await ReadyAsync();
        var (_, second, _) = await ReadyAsync();
        var link = await DownloadUrlAsync(host, first.Id);

        var response = await FetchAsync(PathAndQuery(link).Replace(first.Id.ToString(), second.Id.ToString()));

        await response.ShouldFailAsync(HttpStatusCode.Forbidden, "invalid_signature");
    }

    [Theory]
    [InlineData("..%2F..%2Fetc%2Fpasswd")]
    [InlineData("..%2f..%2f..%2fetc%2fpasswd")]
    [InlineData("%2e%2e")]
    [InlineData("%2e%2e%2f%2e%2e%2fetc%2fpasswd")]
    [InlineData("..%5C..%5Cwindows")]
    [InlineData("%252e%252e%252fetc")]
    [InlineData("not-a-recording")]
    public async Task TraversalInTheIdNeverReachesAFile(string id)
    {
        var (host, recording, content) = await ReadyAsync();
        var link = await DownloadUrlAsync(host, recording.Id);
        var query = new Uri(link.Url).Query;

        var response = await FetchAsync($"/v1/recordings/{id}/file{query}");

        Assert.True(response.StatusCode is HttpStatusCode.NotFound or HttpStatusCode.BadRequest,
            $"{id}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        Assert.NotEqual("video/mp4", response.Content.Headers.ContentType?.MediaType);
        Assert.NotEqual(content, await response.Content.ReadAsByteArrayAsync());
    }

    [Fact]
    public async Task DotSegmentsInThePathNeverReachAFile()
    {
        var (host, recording, _) = await ReadyAsync();
        var link = await DownloadUrlAsync(host, recording.Id);
        var query = new Uri(link.Url).Query;

        foreach (var path in new[] { $"/v1/recordings/{recording.Id}/../../../etc/passwd", $"/v1/recordings/../{recording.Id}/file" })
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, path + query);
            var response = await api.Anonymous().SendAsync(request);
            Assert.True(response.StatusCode is HttpStatusCode.NotFound or HttpStatusCode.BadRequest or HttpStatusCode.Forbidden,
                $"{path}: {(int)response.StatusCode}");
            Assert.NotEqual("video/mp4", response.Content.Headers.ContentType?.MediaType);
        }
    }

    [Fact]
    public async Task ARecordingThatIsNotReadyHasNoDownloadUrl()
    {
        var (host, session) = await _scenario.LiveSessionAsync();
        var recording = await RecordingScenario.StartedAsync(host, session.Id);

        await (await host.Client.GetAsync($"/v1/recordings/{recording.Id}/download_url")).ShouldFailAsync(HttpStatusCode.Conflict, "recording_not_ready", "status");
    }

    [Theory]
    [InlineData("expires_in=59", "expires_in")]
    [InlineData("expires_in=604801", "expires_in")]
    [InlineData("expires_in=-60", "expires_in")]
    [InlineData("expires_in=1.5", "expires_in")]
    [InlineData("expires_in=soon", "expires_in")]
    [InlineData("download=maybe", "download")]
    public async Task OutOfRangeDownloadUrlParametersAreABadRequest(string query, string field)
    {
        var (host, recording, _) = await ReadyAsync();

        await (await host.Client.GetAsync($"/v1/recordings/{recording.Id}/download_url?{query}")).ShouldFailAsync(HttpStatusCode.BadRequest, "validation_failed", field);
    }

    [Fact]
    public async Task TheLongestLifetimeIsAccepted()
    {
        var (host, recording, _) = await ReadyAsync();

        Assert.Equal(604800, (await DownloadUrlAsync(host, recording.Id, "?expires_in=604800")).ExpiresIn);
    }

    [Fact]
    public async Task AUrlOfADeletedRecordingServesNothing()
    {
        var (host, recording, _) = await ReadyAsync();
        var link = await DownloadUrlAsync(host, recording.Id);
        await (await host.Client.DeleteAsync($"/v1/recordings/{recording.Id}")).ShouldSucceedAsync();

        await (await FetchAsync(PathAndQuery(link))).ShouldFailAsync(HttpStatusCode.NotFound, "not_found");
    }

    [Fact]
    public async Task ADownloadUrlIsForThoseWhoMayReadTheRecording()
    {
        var (_, recording, _) = await ReadyAsync();
        var viewer = await api.CreateViewerAsync();

        await (await viewer.Client.GetAsync($"/v1/recordings/{recording.Id}/download_url")).ShouldFailAsync(HttpStatusCode.Forbidden, "forbidden");
        await (await api.Anonymous().GetAsync($"/v1/recordings/{recording.Id}/download_url")).ShouldFailAsync(HttpStatusCode.Unauthorized, "unauthorized");
    }
}
