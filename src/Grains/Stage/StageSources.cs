using Roomcast.LiveKit;
using Roomcast.Stage;

namespace Roomcast.Grains.Stage;

/// <summary>Stage permissions as LiveKit's <c>canPublishSources</c>: a screen share brings its sound along.</summary>
public static class StageSources
{
    public static IReadOnlyList<string> Of(StagePermissions permissions)
    {
        var sources = new List<string>(4);
        if (permissions.Video)
        {
            sources.Add(LiveKitTrackSources.Camera);
        }

        if (permissions.Audio)
        {
            sources.Add(LiveKitTrackSources.Microphone);
        }

        if (permissions.ScreenShare)
        {
            sources.Add(LiveKitTrackSources.ScreenShare);
            sources.Add(LiveKitTrackSources.ScreenShareAudio);
        }

        return sources;
    }
}
