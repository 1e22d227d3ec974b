using Roomcast.Sessions;

namespace Roomcast.Grains.Sessions;

/// <summary>What a session grain persists: the session itself, or nothing before it is created.</summary>
[GenerateSerializer, Alias("Roomcast.SessionGrainState")]
public sealed class SessionGrainState
{
    [Id(0)] public SessionSnapshot? Session { get; set; }
}
