using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Json.Nodes;
using Roomcast.LiveKit.Tests.Infrastructure;
using Roomcast.Testing.LiveKit;

namespace Roomcast.LiveKit.Tests;

/// <summary>
/// What Roomcast's Egress client sends, field for field against what LiveKit's own server SDK (npm livekit-server-sdk's
/// EgressClient, through scripts/livekit-verify.sh) sends for the same start: the SDK writes lowerCamelCase, Roomcast
/// the proto names, which LiveKit reads alike.
/// </summary>
[Collection(ScriptsCollection.Name)]
public sealed class LiveKitEgressSdkTests : IAsyncLifetime
{
    private static readonly TimeSpan ScriptTimeout = TimeSpan.FromMinutes(4);

    private FakeLiveKitServer _livekit = null!;
    private LiveKitServices _services = null!;

    public async Task InitializeAsync()
    {
        _livekit = await FakeLiveKitServer.StartAsync(apiKey: "APIsdkcheck", apiSecret: Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(24)));
        _services = LiveKitServices.For(_livekit);
    }

    public async Task DisposeAsync()
    {
        _services.Dispose();
        await _livekit.DisposeAsync();
    }

    [ToolFact("node", "npm")]
    public async Task ATrackCompositeHlsStartIsTheRequestTheSdkSends()
    {
        var room = LiveKitRoomNames.ForSession(Guid.NewGuid());
        var s3 = new LiveKitS3Upload("media", "us-east-1", "http://127.0.0.1:9000", "AKID", "s3cret", ForcePathStyle: true);
        await _services.EgressService.StartTrackCompositeHlsAsync(room, "TR_video", "TR_audio",
            new LiveKitSegmentsOutput("live/s1/seg", "live/s1/index.m3u8", "live/s1/live.m3u8", TimeSpan.FromSeconds(6), s3));
        var ours = Assert.Single(_livekit.Calls);

        var sdk = await SdkRequestAsync(new
        {
            method = "startTrackCompositeEgress",
            room,
            videoTrackId = "TR_video",
            audioTrackId = "TR_audio",
            segments = new
            {
                filenamePrefix = "live/s1/seg",
                playlistName = "live/s1/index.m3u8",
                livePlaylistName = "live/s1/live.m3u8",
                segmentDuration = 6,
                s3 = new { accessKey = "AKID", secret = "s3cret", region = "us-east-1", endpoint = "http://127.0.0.1:9000", bucket = "media", forcePathStyle = true },
            },
        });

        Assert.Equal("/twirp/livekit.Egress/" + ours.Method, sdk.GetProperty("path").GetString());
        var expected = JsonNode.Parse(sdk.GetProperty("body").GetRawText());
        var actual = Camel(JsonNode.Parse(ours.Body.GetRawText()));
        Assert.True(JsonNode.DeepEquals(expected, actual), $"the SDK sends {expected!.ToJsonString()}, Roomcast {actual!.ToJsonString()}");
        Assert.True(sdk.GetProperty("video").GetProperty("roomRecord").GetBoolean());
        Assert.True(ours.Grant!.Value.GetProperty("roomRecord").GetBoolean());
    }

    [ToolFact("node", "npm")]
    public async Task ARoomCompositeHlsStartWithoutS3IsTheRequestTheSdkSends()
    {
        var room = LiveKitRoomNames.ForSession(Guid.NewGuid());
        await _services.EgressService.StartRoomCompositeHlsAsync(room,
            new LiveKitSegmentsOutput("hls/seg", "hls/index.m3u8", "hls/live.m3u8", TimeSpan.FromSeconds(4), S3: null));
        var ours = Assert.Single(_livekit.Calls);

        var sdk = await SdkRequestAsync(new
        {
            method = "startRoomCompositeEgress",
            room,
            segments = new { filenamePrefix = "hls/seg", playlistName = "hls/index.m3u8", livePlaylistName = "hls/live.m3u8", segmentDuration = 4 },
        });

        Assert.Equal("/twirp/livekit.Egress/" + ours.Method, sdk.GetProperty("path").GetString());
        var expected = JsonNode.Parse(sdk.GetProperty("body").GetRawText());
        var actual = Camel(JsonNode.Parse(ours.Body.GetRawText()));
        Assert.True(JsonNode.DeepEquals(expected, actual), $"the SDK sends {expected!.ToJsonString()}, Roomcast {actual!.ToJsonString()}");
    }

    [ToolFact("node", "npm")]
    public async Task TheSdksWebhookReceiverReadsTheFakesEgressAndTrackBodies()
    {
        var room = LiveKitRoomNames.ForSession(Guid.NewGuid());
        var egress = await _services.EgressService.StartRoomCompositeHlsAsync(room,
            new LiveKitSegmentsOutput("hls/seg", "hls/index.m3u8", "hls/live.m3u8", TimeSpan.FromSeconds(4), S3: null));
        var ended = _livekit.SetEgressStatus(egress.EgressId, FakeEgressStatus.Complete,
            files: [new FakeEgressFile("r.mp4", "s3://b/r.mp4", 1024, TimeSpan.FromSeconds(90))],
            segments: [new FakeEgressSegments("hls/index.m3u8", "hls/live.m3u8", "s3://b/hls/index.m3u8", null, 22, 4096, TimeSpan.FromSeconds(90))]);
        var now = DateTimeOffset.UtcNow;

        foreach (var body in new[]
                 {
                     LiveKitWebhookBodies.EgressEnded(ended, now),
                     LiveKitWebhookBodies.TrackPublished(room, "user-1", new FakeTrack("TR_1", "VIDEO", "CAMERA", Muted: true), now),
                     LiveKitWebhookBodies.RoomFinished(room, now),
                 })
        {
            var file = Path.GetTempFileName();
            try
            {
                await File.WriteAllTextAsync(file, body);
                var (exit, _, stderr) = await Scripts.RunAsync("livekit-verify.sh", ["sign-webhook", file],
                    new Dictionary<string, string> { ["LIVEKIT_API_KEY"] = _livekit.ApiKey, ["LIVEKIT_API_SECRET"] = _livekit.ApiSecret },
                    ScriptTimeout);
                Assert.True(exit == 0, $"the SDK's WebhookReceiver refused {body}: {stderr}");
            }
            finally
            {
                File.Delete(file);
            }
        }
    }

    private async Task<JsonElement> SdkRequestAsync(object arguments)
    {
        var file = Path.GetTempFileName();
        try
        {
            await File.WriteAllTextAsync(file, JsonSerializer.Serialize(arguments));
            var (exit, stdout, stderr) = await Scripts.RunAsync("livekit-verify.sh", ["egress-request", file],
                new Dictionary<string, string> { ["LIVEKIT_API_KEY"] = _livekit.ApiKey, ["LIVEKIT_API_SECRET"] = _livekit.ApiSecret },
                ScriptTimeout);
            Assert.True(exit == 0, $"the SDK script failed (exit {exit}): {stderr}");
            return JsonDocument.Parse(stdout).RootElement.Clone();
        }
        finally
        {
            File.Delete(file);
        }
    }

    /// <summary>The proto names turned into protojson's lowerCamelCase, as the SDK writes them.</summary>
    private static JsonNode? Camel(JsonNode? node) => node switch
    {
        JsonObject obj => new JsonObject(obj.Select(p => KeyValuePair.Create(CamelName(p.Key), Camel(p.Value)))),
        JsonArray array => new JsonArray(array.Select(Camel).ToArray()),
        null => null,
        _ => node.DeepClone(),
    };

    private static string CamelName(string snake)
    {
        var parts = snake.Split('_');
        return parts[0] + string.Concat(parts.Skip(1).Select(p => char.ToUpperInvariant(p[0]) + p[1..]));
    }
}
