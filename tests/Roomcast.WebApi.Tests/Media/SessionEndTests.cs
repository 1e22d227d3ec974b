using Roomcast.Testing.LiveKit;
using Roomcast.WebApi.Tests.Infrastructure;

namespace Roomcast.WebApi.Tests.Media;

/// <summary>Ending a session stops its HLS egresses: the session grain tells the media grain without waiting.</summary>
[Collection(MediaCollection.Name)]
public sealed class SessionEndTests(RoomcastApiFactory api)
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(10);

    [Fact]
    public async Task EndingTheSessionStopsItsHlsAndWebcamEgresses()
    {
        var (host, session, stream) = await api.GoneLiveAsync();
        var room = MediaTestKit.RoomOf(session.Id);
        api.LiveKit.AddParticipant(room, host.Id.ToString("D"), "Host");
        api.LiveKit.PublishTrack(room, host.Id.ToString("D"), "VIDEO", "CAMERA");
        var webcam = (await (await host.PostAsync($"/v1/sessions/{session.Id}/webcam_hls")).ShouldSucceedAsync<StreamDto>()).Webcam!;

        await (await host.PostAsync($"/v1/sessions/{session.Id}/end")).ShouldSucceedAsync();

        await Eventually.MatchAsync(() => Task.FromResult(api.LiveKit.EgressesOf(session.Id)),
            egresses => egresses.All(e => e.Status == FakeEgressStatus.Ending), Wait, "both egresses to be stopped");
        var stops = api.LiveKit.Calls.Where(c => c.Method == "StopEgress" && c.Authorized).Select(c => c.BodyString("egress_id")).ToList();
        Assert.Equal(1, stops.Count(id => id == stream.Hls!.EgressId));
        Assert.Equal(1, stops.Count(id => id == webcam.EgressId));

        var health = await Eventually.MatchAsync(() => host.HealthAsync(session.Id), h => h.HlsStatus == "ending", Wait,
            "the stream to record the stop");
        Assert.Equal(("down", "ending"), (health.Verdict, health.WebcamStatus));
    }
}
