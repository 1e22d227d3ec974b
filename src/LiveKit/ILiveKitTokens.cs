namespace Roomcast.LiveKit;

/// <summary>Issues LiveKit access tokens with the configured API key and secret.</summary>
public interface ILiveKitTokens
{
    /// <summary>The LiveKit server clients connect to with the tokens (<c>LiveKit:Url</c>).</summary>
    string Url { get; }

    /// <summary>A token for one participant with one video grant, valid for <c>LiveKit:TokenLifetime</c>.</summary>
    LiveKitToken Issue(LiveKitParticipant participant, LiveKitVideoGrant grant);
}
