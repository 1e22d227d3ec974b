using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Options;
using Roomcast.LiveKit.Tests.Infrastructure;

namespace Roomcast.LiveKit.Tests;

/// <summary>
/// LiveKit's own server SDK (npm livekit-server-sdk, pinned in scripts/livekit/package-lock.json) judges the tokens
/// Roomcast issues, through scripts/livekit-verify.sh: what it accepts, LiveKit accepts.
/// </summary>
[Collection(ScriptsCollection.Name)]
public sealed class LiveKitSdkTests
{
    private const string Key = "APIsdkcheck";
    private static readonly string Secret = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(24));
    private static readonly TimeSpan ScriptTimeout = TimeSpan.FromMinutes(4);
    private static readonly string Room = LiveKitRoomNames.ForSession(Guid.NewGuid());

    // The SDK checks nbf and exp against the real clock, so these tokens are issued on it.
    private static LiveKitTokens Tokens() => new(Options.Create(new LiveKitOptions { ApiKey = Key, ApiSecret = Secret }),
        TimeProvider.System);

    private static Task<(int ExitCode, string Stdout, string Stderr)> Sdk(string secret, params string[] arguments) =>
        Scripts.RunAsync("livekit-verify.sh", arguments,
            new Dictionary<string, string> { ["LIVEKIT_API_KEY"] = Key, ["LIVEKIT_API_SECRET"] = secret }, ScriptTimeout);

    [ToolFact("node", "npm")]
    public async Task TheSdkAcceptsAViewerTokenAndReadsItsGrant()
    {
        var token = Tokens().Issue(new LiveKitParticipant("viewer-7", "Grace"),
            new LiveKitVideoGrant(Room, RoomJoin: true, CanPublish: false, CanSubscribe: true, CanPublishData: false, Hidden: false));

        var (exit, stdout, stderr) = await Sdk(Secret, "verify", token.Jwt);

        Assert.True(exit == 0, $"the SDK rejected the token (exit {exit}): {stderr}");
        var claims = JsonDocument.Parse(stdout).RootElement;
        Assert.Equal(Key, claims.GetProperty("iss").GetString());
        Assert.Equal("viewer-7", claims.GetProperty("sub").GetString());
        Assert.Equal("Grace", claims.GetProperty("name").GetString());
        Assert.Equal(token.ExpiresAt.ToUnixTimeSeconds(), claims.GetProperty("exp").GetInt64());
        var video = claims.GetProperty("video");
        Assert.Equal(Room, video.GetProperty("room").GetString());
        Assert.True(video.GetProperty("roomJoin").GetBoolean());
        Assert.False(video.GetProperty("canPublish").GetBoolean());
        Assert.True(video.GetProperty("canSubscribe").GetBoolean());
        Assert.False(video.GetProperty("canPublishData").GetBoolean());
        Assert.False(video.GetProperty("hidden").GetBoolean());
    }

    [ToolFact("node", "npm")]
    public async Task TheSdkReadsAStageTokensPublishSources()
    {
        var token = Tokens().Issue(new LiveKitParticipant("speaker-3", "Ming"),
            new LiveKitVideoGrant(Room, RoomJoin: true, CanPublish: true, CanSubscribe: true, CanPublishData: true, Hidden: false)
            {
                CanPublishSources = [LiveKitTrackSources.Microphone, LiveKitTrackSources.ScreenShare, LiveKitTrackSources.ScreenShareAudio],
            });

        var (exit, stdout, stderr) = await Sdk(Secret, "verify", token.Jwt);

        Assert.True(exit == 0, $"the SDK rejected the token (exit {exit}): {stderr}");
        var video = JsonDocument.Parse(stdout).RootElement.GetProperty("video");
        Assert.True(video.GetProperty("canPublish").GetBoolean());
        Assert.Equal(["microphone", "screen_share", "screen_share_audio"],
            video.GetProperty("canPublishSources").EnumerateArray().Select(s => s.GetString()));
    }

    [ToolFact("node", "npm")]
    public async Task TheSdkAcceptsAHiddenMonitorToken()
    {
        var token = Tokens().Issue(new LiveKitParticipant("monitor-1", null),
            new LiveKitVideoGrant(Room, RoomJoin: true, CanPublish: false, CanSubscribe: true, CanPublishData: false, Hidden: true));

        var (exit, stdout, stderr) = await Sdk(Secret, "verify", token.Jwt);

        Assert.True(exit == 0, $"the SDK rejected the token (exit {exit}): {stderr}");
        var claims = JsonDocument.Parse(stdout).RootElement;
        Assert.Equal("monitor-1", claims.GetProperty("sub").GetString());
        Assert.False(claims.TryGetProperty("name", out _));
        Assert.True(claims.GetProperty("video").GetProperty("hidden").GetBoolean());
        Assert.True(claims.GetProperty("video").GetProperty("roomJoin").GetBoolean());
    }

    [ToolFact("node", "npm")]
    public async Task TheSdkRejectsATokenSignedWithAnotherSecret()
    {
        var token = Tokens().Issue(new LiveKitParticipant("viewer-8", null), new LiveKitVideoGrant(Room, true, false, true, false, false));

        var (exit, stdout, stderr) = await Sdk(Secret + "-other", "verify", token.Jwt);

        Assert.True(exit == 1, $"exit {exit}, stdout {stdout}, stderr {stderr}");
        Assert.Contains("rejected", stderr);
        Assert.Equal("", stdout.Trim());
    }

    [ToolFact("node", "npm")]
    public async Task TheScriptSignsAWebhookBodyWithItsSha256()
    {
        var body = """{"event":"room_finished","room":{"sid":"RM_1","name":"session-x"},"id":"EV_1","createdAt":"1700000000"}""";
        var file = Path.Combine(Path.GetTempPath(), $"livekit-webhook-{Guid.NewGuid():N}.json");
        await File.WriteAllTextAsync(file, body, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false));
        try
        {
            var (exit, stdout, stderr) = await Sdk(Secret, "sign-webhook", file);

            Assert.True(exit == 0, $"exit {exit}: {stderr}");
            var jwt = Jwt.Parse(stdout.Trim());
            Assert.True(jwt.SignedWith(Secret));
            Assert.Equal(Key, jwt.Payload.GetProperty("iss").GetString());
            Assert.Equal(Convert.ToBase64String(SHA256.HashData(Encoding.UTF8.GetBytes(body))),
                jwt.Payload.GetProperty("sha256").GetString());
        }
        finally
        {
            File.Delete(file);
        }
    }
}
