using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Time.Testing;
using Roomcast.LiveKit.Tests.Infrastructure;

namespace Roomcast.LiveKit.Tests;

/// <summary>Dev mode without LiveKit:Url: egress calls answer without a server, and the start warns once for both services.</summary>
public sealed class DetachedLiveKitEgressServiceTests
{
    private static readonly DateTimeOffset Now = new(2026, 3, 14, 15, 9, 26, TimeSpan.Zero);

    [Fact]
    public async Task StartsAnswerAMadeUpStartingEgressThatIsListedUntilAStopEndsIt()
    {
        using var services = new LiveKitServices(new Dictionary<string, string?>(), isDevelopment: true, time: new FakeTimeProvider(Now));
        var egress = services.EgressService;
        Assert.IsType<DetachedLiveKitEgressService>(egress);
        var output = new LiveKitSegmentsOutput("seg", "index.m3u8", "live.m3u8", TimeSpan.FromSeconds(4), S3: null);

        var hls = await egress.StartRoomCompositeHlsAsync("session-1", output);
        var track = await egress.StartTrackCompositeHlsAsync("session-1", "TR_1", null, output);
        var file = await egress.StartRoomCompositeFileAsync("session-1", new LiveKitFileOutput("r.mp4", null));

        Assert.Matches("^EG_detached_[0-9a-f]{32}$", hls.EgressId);
        Assert.Equal(3, new[] { hls.EgressId, track.EgressId, file.EgressId }.Distinct().Count());
        Assert.Equal(("session-1", LiveKitEgressStatus.Starting, LiveKitEgressKind.RoomComposite, Now),
            (hls.RoomName, hls.Status, hls.Kind, hls.UpdatedAt!.Value));
        Assert.Equal(LiveKitEgressKind.TrackComposite, track.Kind);
        Assert.Equal((LiveKitEgressOutputs.Segments, LiveKitEgressOutputs.File), (hls.Outputs, file.Outputs));
        Assert.Equal(3, (await egress.ListEgressAsync("session-1", null, activeOnly: true)).Count);
        Assert.Equal([hls.EgressId], (await egress.ListEgressAsync(null, hls.EgressId, activeOnly: false)).Select(e => e.EgressId));
        Assert.Empty(await egress.ListEgressAsync("session-2", null, activeOnly: false));

        var stopped = await egress.StopEgressAsync(hls.EgressId);
        Assert.Equal(LiveKitEgressStatus.Ending, stopped!.Status);
        Assert.Null(await egress.StopEgressAsync(hls.EgressId));
        Assert.Null(await egress.StopEgressAsync("EG_unknown"));
        Assert.Equal(2, (await egress.ListEgressAsync("session-1", null, activeOnly: true)).Count);

        foreach (var hosted in services.Services.GetServices<IHostedService>())
        {
            await hosted.StartAsync(CancellationToken.None);
        }
        var warning = Assert.Single(services.Logs.Warnings, w => w.Message.Contains("without a LiveKit server", StringComparison.Ordinal));
        Assert.Contains("egress", warning.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void WithAServerConfiguredTheRealClientIsRegistered()
    {
        using var services = new LiveKitServices(new Dictionary<string, string?> { ["LiveKit:Url"] = "ws://127.0.0.1:7880" }, isDevelopment: true);

        Assert.IsType<LiveKitEgressServiceClient>(services.EgressService);
    }
}
