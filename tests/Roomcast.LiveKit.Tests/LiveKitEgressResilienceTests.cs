using Roomcast.Errors;
using Roomcast.LiveKit.Tests.Infrastructure;
using Roomcast.Testing.LiveKit;

namespace Roomcast.LiveKit.Tests;

/// <summary>LiveKit failing or hanging under egress calls: livekit_unavailable, a start sent once even when it hangs.</summary>
public sealed class LiveKitEgressResilienceTests : IAsyncLifetime
{
    private static readonly LiveKitSegmentsOutput Hls = new("seg", "index.m3u8", "live.m3u8", TimeSpan.FromSeconds(4), S3: null);

    private readonly string _room = LiveKitRoomNames.ForSession(Guid.NewGuid());
    private FakeLiveKitServer _livekit = null!;
    private LiveKitServices _services = null!;

    public async Task InitializeAsync()
    {
        _livekit = await FakeLiveKitServer.StartAsync();
        _services = LiveKitServices.For(_livekit, requestTimeout: TimeSpan.FromMilliseconds(400));
    }

    public async Task DisposeAsync()
    {
        _services.Dispose();
        await _livekit.DisposeAsync();
    }

    private ILiveKitEgressService Client => _services.EgressService;

    private static void AssertUnavailable(RoomcastException e) =>
        Assert.Equal((ErrorKind.Unavailable, "livekit_unavailable"), (e.Kind, e.Code));

    [Fact]
    public async Task EveryMethodIsUnavailableWhileLiveKitAnswersServerErrors()
    {
        _livekit.FailAlways(FakeLiveKitFailure.Internal);

        AssertUnavailable(await Assert.ThrowsAsync<RoomcastException>(() => Client.StartRoomCompositeHlsAsync(_room, Hls)));
        AssertUnavailable(await Assert.ThrowsAsync<RoomcastException>(() => Client.StartRoomCompositeFileAsync(_room, new("r.mp4", null))));
        AssertUnavailable(await Assert.ThrowsAsync<RoomcastException>(() => Client.StopEgressAsync("EG_1")));
        AssertUnavailable(await Assert.ThrowsAsync<RoomcastException>(() => Client.ListEgressAsync(_room, null, true)));
        Assert.Contains(_services.Logs.Warnings, w => w.Message.Contains("StopEgress", StringComparison.Ordinal));
    }

    [Fact]
    public async Task AHangingStartTimesOutAsUnavailableAfterOneAttempt()
    {
        _livekit.FailAlways(FakeLiveKitFailure.Hang);

        AssertUnavailable(await Assert.ThrowsAsync<RoomcastException>(() => Client.StartRoomCompositeHlsAsync(_room, Hls)));

        Assert.Equal("StartRoomCompositeEgress", Assert.Single(_livekit.Calls).Method);
    }

    [Fact]
    public async Task AListThatHangsIsRetriedAndTheRetryAnswers()
    {
        // Attempts of 2 s, the call capped at 6 s: the retry after the first attempt's timeout has about 3.8 s to answer,
        // so the test does not hang on how busy the machine is.
        using var services = LiveKitServices.For(_livekit, requestTimeout: TimeSpan.FromSeconds(2));
        _livekit.FailNext(FakeLiveKitFailure.Hang);

        var listed = await services.EgressService.ListEgressAsync(_room, null, false);

        Assert.Empty(listed);
        Assert.Equal(["ListEgress", "ListEgress"], _livekit.Calls.Select(c => c.Method));
    }

    [Fact]
    public async Task AHangingListTimesOutAsUnavailable()
    {
        _livekit.FailAlways(FakeLiveKitFailure.Hang);

        AssertUnavailable(await Assert.ThrowsAsync<RoomcastException>(() => Client.ListEgressAsync(_room, null, false)));
    }
}
