using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Roomcast.Errors;
using Roomcast.LiveKit.Tests.Infrastructure;
using Roomcast.Testing.LiveKit;

namespace Roomcast.LiveKit.Tests;

/// <summary>
/// LiveKit down, slow or failing: every such call ends in livekit_unavailable (503 at the API); idempotent calls are
/// retried, SendData is not; after repeated failures the breaker answers at once without calling LiveKit.
/// </summary>
public sealed class LiveKitResilienceTests : IAsyncLifetime
{
    private FakeLiveKitServer _livekit = null!;
    private LiveKitServices _services = null!;
    private readonly string _room = LiveKitRoomNames.ForSession(Guid.NewGuid());

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

    private ILiveKitRoomService Client => _services.RoomService;

    private static void AssertUnavailable(RoomcastException e)
    {
        Assert.Equal(ErrorKind.Unavailable, e.Kind);
        Assert.Equal("livekit_unavailable", e.Code);
    }

    [Fact]
    public async Task AnIdempotentCallThatFailsOnceIsRetriedAndSucceeds()
    {
        _livekit.AddParticipant(_room, "viewer-1");
        _livekit.FailNext(FakeLiveKitFailure.Unavailable);

        var participants = await Client.ListParticipantsAsync(_room);

        Assert.Equal("viewer-1", Assert.Single(participants).Identity);
        Assert.Equal(["ListParticipants", "ListParticipants"], _livekit.Calls.Select(c => c.Method));
    }

    [Fact]
    public async Task RemoveParticipantAfterAnInternalErrorIsRetried()
    {
        _livekit.AddParticipant(_room, "viewer-1");
        _livekit.FailNext(FakeLiveKitFailure.Internal);

        await Client.RemoveParticipantAsync(_room, "viewer-1");

        Assert.Equal(2, _livekit.Calls.Count);
        Assert.Empty(_livekit.ParticipantsOf(_room));
    }

    [Fact]
    public async Task SendDataIsNotRetried()
    {
        _livekit.AddParticipant(_room, "viewer-1");
        _livekit.FailNext(FakeLiveKitFailure.Unavailable);

        var e = await Assert.ThrowsAsync<RoomcastException>(() => Client.SendDataAsync(_room, new byte[] { 1 }, null, null));

        AssertUnavailable(e);
        Assert.Equal("SendData", Assert.Single(_livekit.Calls).Method);
    }

    [Fact]
    public async Task A503ThatLastsIsUnavailableAfterTheRetries()
    {
        _livekit.FailAlways(FakeLiveKitFailure.Unavailable);

        var e = await Assert.ThrowsAsync<RoomcastException>(() => Client.DeleteRoomAsync(_room));

        AssertUnavailable(e);
        Assert.Equal(3, _livekit.Calls.Count); // the call and two retries
        var warning = Assert.Single(_services.Logs.Warnings, w => w.Category.Contains("LiveKitRoomServiceClient"));
        Assert.Contains("DeleteRoom", warning.Message);
        Assert.DoesNotContain(_livekit.ApiSecret, string.Join("\n", _services.Logs.Lines.Select(l => l.Message)));
    }

    [Fact]
    public async Task AHangingLiveKitTimesOutAsUnavailable()
    {
        _livekit.FailAlways(FakeLiveKitFailure.Hang);
        var watch = Stopwatch.StartNew();

        var e = await Assert.ThrowsAsync<RoomcastException>(() => Client.RemoveParticipantAsync(_room, "viewer-1"));

        AssertUnavailable(e);
        // Three attempts of 400 ms at most, and the whole call is capped at 1.2 s.
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(5), $"took {watch.Elapsed}");
        Assert.Contains("timed out", e.Message);
    }

    [Fact]
    public async Task ALiveKitThatIsNotRunningIsUnavailable()
    {
        using var services = new LiveKitServices(new Dictionary<string, string?>
        {
            ["LiveKit:ApiUrl"] = $"http://127.0.0.1:{ClosedPort()}",
            ["LiveKit:ApiKey"] = "key",
            ["LiveKit:ApiSecret"] = new string('s', 32),
            ["LiveKit:RequestTimeout"] = "00:00:00.500",
        });

        var e = await Assert.ThrowsAsync<RoomcastException>(() => services.RoomService.CreateRoomAsync(
            new LiveKitRoomOptions(_room, TimeSpan.FromMinutes(1), 10, null)));

        AssertUnavailable(e);
        Assert.Single(services.Logs.Warnings, w => w.Message.Contains("CreateRoom"));
    }

    [Fact]
    public async Task TheBreakerOpensAfterRepeatedFailuresAndThenFailsWithoutCallingLiveKit()
    {
        _livekit.FailAlways(FakeLiveKitFailure.Unavailable);
        for (var i = 0; i < 2; i++)
        {
            AssertUnavailable(await Assert.ThrowsAsync<RoomcastException>(() => Client.ListParticipantsAsync(_room)));
        }
        var callsWhenOpen = _livekit.Calls.Count;
        Assert.InRange(callsWhenOpen, 4, 6);
        _livekit.FailAlways(null); // LiveKit is back, but the breaker does not know yet

        var watch = Stopwatch.StartNew();
        var e = await Assert.ThrowsAsync<RoomcastException>(() => Client.ListParticipantsAsync(_room));

        AssertUnavailable(e);
        Assert.Contains("circuit", e.Message);
        Assert.True(watch.Elapsed < TimeSpan.FromMilliseconds(300), $"took {watch.Elapsed}");
        Assert.Equal(callsWhenOpen, _livekit.Calls.Count);
    }

    [Fact]
    public async Task ACallerCancellationIsACancellationNotAnOutage()
    {
        _livekit.FailAlways(FakeLiveKitFailure.Hang);
        using var cancel = new CancellationTokenSource(TimeSpan.FromMilliseconds(100));

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => Client.ListParticipantsAsync(_room, cancel.Token));
    }

    private static int ClosedPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
