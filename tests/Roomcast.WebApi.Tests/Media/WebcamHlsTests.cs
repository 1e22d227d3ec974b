using System.Net;
using Roomcast.WebApi.Tests.Infrastructure;

namespace Roomcast.WebApi.Tests.Media;

/// <summary>POST /v1/sessions/{id}/webcam_hls: a track-composite egress of the host's camera and microphone.</summary>
[Collection(MediaCollection.Name)]
public sealed class WebcamHlsTests(RoomcastApiFactory api)
{
    [Fact]
    public async Task WithoutTheHostsCameraThereIsNothingToStream()
    {
        var (host, session) = await api.LiveAsync();
        var room = MediaTestKit.RoomOf(session.Id);
        api.LiveKit.AddParticipant(room, host.Id.ToString("D"), "Host");
        api.LiveKit.PublishTrack(room, host.Id.ToString("D"), "AUDIO", "MICROPHONE");

        await (await host.PostAsync($"/v1/sessions/{session.Id}/webcam_hls")).ShouldFailAsync(HttpStatusCode.Conflict, "host_camera_not_published");

        Assert.Empty(api.LiveKit.CallsFor("StartTrackCompositeEgress", session.Id));
    }

    [Fact]
    public async Task TheHostsCameraAndMicrophoneAreStreamedOnceHoweverOftenAsked()
    {
        var (host, session) = await api.LiveAsync();
        var room = MediaTestKit.RoomOf(session.Id);
        var identity = host.Id.ToString("D");
        api.LiveKit.AddParticipant(room, identity, "Host");
        // Someone else's camera, which must not be taken for the host's.
        api.LiveKit.AddParticipant(room, Guid.NewGuid().ToString("D"), "Guest");
        api.LiveKit.PublishTrack(room, api.LiveKit.ParticipantsOf(room).First(p => p != identity), "VIDEO", "CAMERA");
        var camera = api.LiveKit.PublishTrack(room, identity, "VIDEO", "CAMERA");
        var microphone = api.LiveKit.PublishTrack(room, identity, "AUDIO", "MICROPHONE");

        var first = await (await host.PostAsync($"/v1/sessions/{session.Id}/webcam_hls")).ShouldSucceedAsync<StreamDto>();
        var again = await (await host.PostAsync($"/v1/sessions/{session.Id}/webcam_hls")).ShouldSucceedAsync<StreamDto>();

        var start = Assert.Single(api.LiveKit.CallsFor("StartTrackCompositeEgress", session.Id));
        Assert.Equal(camera.Sid, start.BodyString("video_track_id"));
        Assert.Equal(microphone.Sid, start.BodyString("audio_track_id"));
        var output = Assert.Single(start.Body.GetProperty("segment_outputs").EnumerateArray());
        Assert.EndsWith($"/hls/{session.Id:N}/webcam/segment", output.GetProperty("filename_prefix").GetString());
        Assert.NotNull(first.Webcam);
        Assert.Equal(first.Webcam.EgressId, again.Webcam?.EgressId);
        Assert.Equal("starting", first.Webcam.Status);
        Assert.Null(first.Hls);
        Assert.Empty(api.LiveKit.CallsFor("StartRoomCompositeEgress", session.Id));
    }

    [Fact]
    public async Task AScheduledSessionHasNoWebcamStream()
    {
        var (host, session) = await api.ScheduledAsync();

        await (await host.PostAsync($"/v1/sessions/{session.Id}/webcam_hls")).ShouldFailAsync(HttpStatusCode.Conflict, "illegal_transition");
    }
}
