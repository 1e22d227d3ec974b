using System.Net;
using System.Net.Http.Headers;
using Roomcast.WebApi.Tests.Audience;
using Roomcast.WebApi.Tests.Infrastructure;

namespace Roomcast.WebApi.Tests.Webhooks;

/// <summary>
/// Webhook bodies signed by LiveKit's own server SDK (scripts/livekit-verify.sh sign-webhook: an AccessToken with the
/// body's sha256, checked with the SDK's WebhookReceiver first), so Roomcast's verifier is held to what LiveKit sends.
/// </summary>
[Collection(ScriptsCollection.Name)]
public sealed class LiveKitWebhookSdkTests(RoomcastApiFactory api)
{
    private static readonly TimeSpan ScriptTimeout = TimeSpan.FromMinutes(4);

    private async Task<string> SdkSignAsync(string body, string secret)
    {
        var file = Path.GetTempFileName();
        try
        {
            await File.WriteAllTextAsync(file, body);
            var (exit, stdout, stderr) = await Scripts.RunAsync("livekit-verify.sh", ["sign-webhook", file],
                new Dictionary<string, string> { ["LIVEKIT_API_KEY"] = api.LiveKit.ApiKey, ["LIVEKIT_API_SECRET"] = secret }, ScriptTimeout);
            Assert.True(exit == 0, $"the SDK could not sign the webhook (exit {exit}): {stderr}");
            return stdout.Trim();
        }
        finally
        {
            File.Delete(file);
        }
    }

    [ToolFact("node", "npm")]
    public async Task AnEventSignedByLiveKitsSdkIsAcceptedAndApplied()
    {
        var (host, _, created) = await api.CreateHostWithSessionAsync();
        var session = await api.StartSessionAsync(host, created.Id);
        var viewerId = Guid.NewGuid();
        var viewer = api.CreateClient();
        viewer.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", Tokens.ForViewer(viewerId, session.LibraryId));
        await (await viewer.PostAsync($"/v1/sessions/{session.Id}/join", null)).ShouldSucceedAsync();
        var body = LiveKitWebhooks.ParticipantEvent("participant_left", session.Id, viewerId.ToString(), DateTimeOffset.UtcNow);

        using var request = LiveKitWebhooks.Request(body, await SdkSignAsync(body, api.LiveKit.ApiSecret));
        var answer = await (await api.CreateClient().SendAsync(request)).ShouldSucceedAsync<LiveKitWebhookDto>();

        Assert.Equal("processed", answer.Outcome);
        var viewers = await (await host.Client.GetAsync($"/v1/sessions/{session.Id}/viewers")).ShouldSucceedAsync<ListDto<ActiveViewerDto>>();
        Assert.DoesNotContain(viewers.Items, v => v.UserId == viewerId);
    }

    [ToolFact("node", "npm")]
    public async Task AnEventTheSdkSignedWithAnotherSecretIsRefused()
    {
        var body = LiveKitWebhooks.ParticipantEvent("participant_joined", Guid.NewGuid(), Guid.NewGuid().ToString(), DateTimeOffset.UtcNow);

        using var request = LiveKitWebhooks.Request(body, await SdkSignAsync(body, "not-roomcasts-secret-0123456789abcdef"));
        var response = await api.CreateClient().SendAsync(request);

        await response.ShouldFailAsync(HttpStatusCode.Unauthorized, "invalid_signature");
    }
}
