namespace Roomcast.Webhooks;

/// <summary>The LiveKit participant events that change Roomcast's state.</summary>
/// <remarks>Crosses grain calls as its number: never renumber, only append.</remarks>
public enum LiveKitParticipantEventKind
{
    Joined = 1,
    Left = 2,
}
