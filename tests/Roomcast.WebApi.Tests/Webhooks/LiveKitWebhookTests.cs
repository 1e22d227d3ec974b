using System.Net;
using System.Net.Http.Headers;
using Roomcast.WebApi.Tests.Audience;
using Roomcast.WebApi.Tests.Infrastructure;

namespace Roomcast.WebApi.Tests.Webhooks;

/// <summary>
/// POST /v1/webhooks/livekit with bodies signed here the way LiveKit signs them (LiveKitWebhookSdkTests has LiveKit's
/// own SDK sign them): the signature, the effects on attendance and the host's health signal, redelivery and
/// out-of-order delivery.
/// </summary>
[Collection(AudienceCollection.Name)]
public sealed class LiveKitWebhookTests(RoomcastApiFactory api)
{
    private static DateTimeOffset Now => DateTimeOffset.UtcNow;

    private string Sign(string body, DateTimeOffset? now = null, TimeSpan? lifetime = null) =>
        LiveKitWebhooks.Sign(body, api.LiveKit.ApiKey, api.LiveKit.ApiSecret, now, lifetime);

    private async Task<HttpResponseMessage> SendAsync(string body, string? authorization, string contentType = "application/webhook+json")
    {
        using var request = LiveKitWebhooks.Request(body, authorization, contentType);
        return await api.CreateClient().SendAsync(request);
    }

    private Task<LiveKitWebhookDto> DeliverAsync(string body) => DeliverAsync(body, Sign(body));

    private async Task<LiveKitWebhookDto> DeliverAsync(string body, string authorization) =>
        await (await SendAsync(body, authorization)).ShouldSucceedAsync<LiveKitWebhookDto>();

    private async Task<(TestUser Host, SessionDto Session)> LiveSessionAsync()
    {
        var (host, _, session) = await api.CreateHostWithSessionAsync();
        return (host, await api.StartSessionAsync(host, session.Id));
    }

    private async Task<Guid> JoinedViewerAsync(SessionDto session)
    {
        var viewerId = Guid.NewGuid();
        await (await ViewerClient(viewerId, session.LibraryId).PostAsync($"/v1/sessions/{session.Id}/join", null)).ShouldSucceedAsync();
        return viewerId;
    }

    private HttpClient ViewerClient(Guid userId, Guid libraryId)
    {
        var client = api.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", Tokens.ForViewer(userId, libraryId, "Webhook Viewer"));
        return client;
    }

    private async Task<IReadOnlyList<Guid>> PresentAsync(TestUser host, Guid sessionId) =>
        (await (await host.Client.GetAsync($"/v1/sessions/{sessionId}/viewers")).ShouldSucceedAsync<ListDto<ActiveViewerDto>>())
        .Items.Select(v => v.UserId).ToList();

    [Fact]
    public async Task ASignedParticipantLeftClosesTheVisitAtTheEventsTime()
    {
        var (host, session) = await LiveSessionAsync();
        var viewerId = await JoinedViewerAsync(session);

        var answer = await DeliverAsync(LiveKitWebhooks.ParticipantEvent("participant_left", session.Id, viewerId.ToString(), Now));

        Assert.Equal(("participant_left", "processed"), (answer.Event, answer.Outcome));
        Assert.DoesNotContain(viewerId, await PresentAsync(host, session.Id));
        var record = Assert.Single((await (await host.Client.GetAsync($"/v1/sessions/{session.Id}/attendance"))
            .ShouldSucceedAsync<ListDto<AttendanceDto>>()).Items);
        Assert.Equal((viewerId, false), (record.UserId, record.Present));
    }

    [Fact]
    public async Task ParticipantJoinedMakesAViewerWhoseVisitWasClosedPresentAgain()
    {
        var (host, session) = await LiveSessionAsync();
        var viewerId = await JoinedViewerAsync(session);
        await (await ViewerClient(viewerId, session.LibraryId).PostAsync($"/v1/sessions/{session.Id}/leave", null)).ShouldSucceedAsync();
        Assert.DoesNotContain(viewerId, await PresentAsync(host, session.Id));

        var answer = await DeliverAsync(LiveKitWebhooks.ParticipantEvent("participant_joined", session.Id, viewerId.ToString(), Now));

        Assert.Equal("processed", answer.Outcome);
        Assert.Contains(viewerId, await PresentAsync(host, session.Id));
        var record = Assert.Single((await (await host.Client.GetAsync($"/v1/sessions/{session.Id}/attendance"))
            .ShouldSucceedAsync<ListDto<AttendanceDto>>()).Items);
        Assert.Equal((true, 2), (record.Present, record.Visits));
    }

    [Fact]
    public async Task ParticipantJoinedDoesNotBringBackABannedViewer()
    {
        var (host, session) = await LiveSessionAsync();
        var viewer = await api.CreateViewerAsync();
        var viewerId = viewer.Id;
        await (await viewer.Client.PostAsync($"/v1/sessions/{session.Id}/join", null)).ShouldSucceedAsync();
        await (await host.Client.PostAsync($"/v1/sessions/{session.Id}/bans", ApiJson.Body(new { UserId = viewerId, Reason = "webhook test" })))
            .ShouldSucceedAsync();

        await DeliverAsync(LiveKitWebhooks.ParticipantEvent("participant_joined", session.Id, viewerId.ToString(), Now));

        Assert.DoesNotContain(viewerId, await PresentAsync(host, session.Id));
    }

    [Fact]
    public async Task TheHostJoiningTheRoomIsAHostSignalForTheHealthCheck()
    {
        var (host, session) = await LiveSessionAsync();
        var before = (await api.GetSessionAsync(host, session.Id)).Meta.HealthCheck.LastHostSignalAt;
        await Task.Delay(TimeSpan.FromMilliseconds(20));

        await DeliverAsync(LiveKitWebhooks.ParticipantEvent("participant_joined", session.Id, host.Id.ToString(), Now, displayName: "Host"));

        var after = (await api.GetSessionAsync(host, session.Id)).Meta.HealthCheck.LastHostSignalAt;
        Assert.NotNull(after);
        Assert.True(before is null || after > before, $"the host signal did not move: {before:o} → {after:o}");
    }

    [Fact]
    public async Task ARedeliveredEventHasNoSecondEffect()
    {
        var (host, session) = await LiveSessionAsync();
        var viewerId = await JoinedViewerAsync(session);
        var left = LiveKitWebhooks.ParticipantEvent("participant_left", session.Id, viewerId.ToString(), Now);
        Assert.Equal("processed", (await DeliverAsync(left)).Outcome);

        // They come back; LiveKit, not having heard our first 200, delivers the same departure again.
        await (await ViewerClient(viewerId, session.LibraryId).PostAsync($"/v1/sessions/{session.Id}/join", null)).ShouldSucceedAsync();
        var again = await DeliverAsync(left);

        Assert.Equal("duplicate", again.Outcome);
        Assert.Contains(viewerId, await PresentAsync(host, session.Id));
    }

    [Fact]
    public async Task TheSameEventDeliveredManyTimesAtOnceHasOneEffect()
    {
        var (host, session) = await LiveSessionAsync();
        var viewerId = await JoinedViewerAsync(session);
        await (await ViewerClient(viewerId, session.LibraryId).PostAsync($"/v1/sessions/{session.Id}/leave", null)).ShouldSucceedAsync();
        var joined = LiveKitWebhooks.ParticipantEvent("participant_joined", session.Id, viewerId.ToString(), Now);
        var authorization = Sign(joined);

        var answers = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => DeliverAsync(joined, authorization)));

        Assert.Equal(1, answers.Count(a => a.Outcome == "processed"));
        Assert.Equal(7, answers.Count(a => a.Outcome == "duplicate"));
        var record = Assert.Single((await (await host.Client.GetAsync($"/v1/sessions/{session.Id}/attendance"))
            .ShouldSucceedAsync<ListDto<AttendanceDto>>()).Items);
        Assert.Equal(2, record.Visits);
    }

    [Fact]
    public async Task ADepartureOlderThanTheLastArrivalDoesNotCloseTheNewerVisit()
    {
        var (host, session) = await LiveSessionAsync();
        var viewerId = await JoinedViewerAsync(session);
        var joinedAt = Now;
        await DeliverAsync(LiveKitWebhooks.ParticipantEvent("participant_joined", session.Id, viewerId.ToString(), joinedAt));

        var late = await DeliverAsync(LiveKitWebhooks.ParticipantEvent("participant_left", session.Id, viewerId.ToString(), joinedAt.AddSeconds(-30)));

        Assert.Equal("processed", late.Outcome);
        Assert.Contains(viewerId, await PresentAsync(host, session.Id));
    }

    [Fact]
    public async Task AnArrivalOlderThanTheLastDepartureDoesNotReopenTheVisit()
    {
        var (host, session) = await LiveSessionAsync();
        var viewerId = await JoinedViewerAsync(session);
        var leftAt = Now;
        await DeliverAsync(LiveKitWebhooks.ParticipantEvent("participant_left", session.Id, viewerId.ToString(), leftAt));

        await DeliverAsync(LiveKitWebhooks.ParticipantEvent("participant_joined", session.Id, viewerId.ToString(), leftAt.AddSeconds(-30)));

        Assert.DoesNotContain(viewerId, await PresentAsync(host, session.Id));
    }

    [Fact]
    public async Task BearerPrefixAndPlainJsonAreAcceptedToo()
    {
        var (host, session) = await LiveSessionAsync();
        var viewerId = await JoinedViewerAsync(session);
        var body = LiveKitWebhooks.ParticipantEvent("participant_left", session.Id, viewerId.ToString(), Now);

        var response = await SendAsync(body, "Bearer " + Sign(body), "application/json");

        Assert.Equal("processed", (await response.ShouldSucceedAsync<LiveKitWebhookDto>()).Outcome);
        Assert.DoesNotContain(viewerId, await PresentAsync(host, session.Id));
    }

    [Fact]
    public async Task ASignatureMadeWithAnotherSecretIsRefused()
    {
        var (host, session) = await LiveSessionAsync();
        var viewerId = await JoinedViewerAsync(session);
        var body = LiveKitWebhooks.ParticipantEvent("participant_left", session.Id, viewerId.ToString(), Now);

        var response = await SendAsync(body, LiveKitWebhooks.Sign(body, api.LiveKit.ApiKey, "another-secret-0123456789abcdef"));

        await response.ShouldFailAsync(HttpStatusCode.Unauthorized, "invalid_signature");
        Assert.Contains(viewerId, await PresentAsync(host, session.Id));
    }

    [Fact]
    public async Task ABodyChangedAfterSigningIsRefused()
    {
        var (host, session) = await LiveSessionAsync();
        var viewerId = await JoinedViewerAsync(session);
        var signedFor = LiveKitWebhooks.ParticipantEvent("participant_joined", session.Id, viewerId.ToString(), Now);
        var tampered = signedFor.Replace("participant_joined", "participant_left");

        var response = await SendAsync(tampered, Sign(signedFor));

        await response.ShouldFailAsync(HttpStatusCode.Unauthorized, "invalid_signature");
        Assert.Contains(viewerId, await PresentAsync(host, session.Id));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("Bearer ")]
    [InlineData("not.a.jwt")]
    [InlineData("Bearer eyJhbGciOiJub25lIn0.eyJpc3MiOiJ4In0.")]
    public async Task AMissingOrMalformedAuthorizationIsRefused(string? authorization)
    {
        var body = LiveKitWebhooks.ParticipantEvent("participant_left", Guid.NewGuid(), Guid.NewGuid().ToString(), Now);

        await (await SendAsync(body, authorization)).ShouldFailAsync(HttpStatusCode.Unauthorized, "invalid_signature");
    }

    [Fact]
    public async Task AnExpiredSignatureOrAnotherIssuerIsRefused()
    {
        var body = LiveKitWebhooks.ParticipantEvent("participant_left", Guid.NewGuid(), Guid.NewGuid().ToString(), Now);

        var expired = await SendAsync(body, Sign(body, Now.AddHours(-1), TimeSpan.FromMinutes(5)));
        var otherIssuer = await SendAsync(body, LiveKitWebhooks.Sign(body, "another-key", api.LiveKit.ApiSecret));

        await expired.ShouldFailAsync(HttpStatusCode.Unauthorized, "invalid_signature");
        await otherIssuer.ShouldFailAsync(HttpStatusCode.Unauthorized, "invalid_signature");
    }

    [Theory]
    [InlineData("room_started")]
    [InlineData("room_finished")]
    [InlineData("track_published")]
    [InlineData("egress_updated")]
    [InlineData("something_livekit_adds_later")]
    public async Task EventsWithoutAnEffectYetAreAcknowledged(string name)
    {
        var body = $$$"""{"event":"{{{name}}}","id":"{{{LiveKitWebhooks.NewEventId()}}}","createdAt":{{{Now.ToUnixTimeSeconds()}}},"room":{"name":"session-{{{Guid.NewGuid():D}}}"},"egressInfo":{"egressId":"EG_1","status":"EGRESS_ACTIVE"}}""";

        var answer = await DeliverAsync(body);

        Assert.Equal((name, "ignored"), (answer.Event, answer.Outcome));
    }

    [Fact]
    public async Task ParticipantsOfRoomsThatAreNotSessionsOrMonitorsAreIgnored()
    {
        var (host, session) = await LiveSessionAsync();
        var viewerId = await JoinedViewerAsync(session);

        var otherRoom = await DeliverAsync(LiveKitWebhooks.ParticipantEvent("participant_left", Guid.NewGuid(), viewerId.ToString(), Now)
            .Replace("\"session-", "\"lobby-"));
        var unknownSession = await DeliverAsync(LiveKitWebhooks.ParticipantEvent("participant_left", Guid.NewGuid(), viewerId.ToString(), Now));
        var monitor = await DeliverAsync(LiveKitWebhooks.ParticipantEvent("participant_left", session.Id, $"{viewerId:D}:monitor", Now));

        Assert.Equal(["ignored", "ignored", "ignored"], new[] { otherRoom.Outcome, unknownSession.Outcome, monitor.Outcome });
        Assert.Contains(viewerId, await PresentAsync(host, session.Id));
    }

    [Fact]
    public async Task ASignedBodyThatIsNotAnEventIsABadRequest()
    {
        const string body = """["not", "an", "event"]""";

        await (await SendAsync(body, Sign(body))).ShouldFailAsync(HttpStatusCode.BadRequest, "validation_failed", "body");
    }

    [Fact]
    public async Task OtherMediaTypesAreRefused()
    {
        const string body = """{"event":"room_started"}""";

        await (await SendAsync(body, Sign(body), "text/plain")).ShouldFailAsync(HttpStatusCode.UnsupportedMediaType, "unsupported_media_type");
    }

    [Fact]
    public async Task ABodyOverTheLimitIsRefusedBeforeAnythingReadsIt()
    {
        var body = $$"""{"event":"room_started","padding":"{{new string('x', 70 * 1024)}}"}""";

        await (await SendAsync(body, Sign(body))).ShouldFailAsync(HttpStatusCode.RequestEntityTooLarge, "payload_too_large");
    }
}
