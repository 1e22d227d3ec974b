namespace Roomcast.Sessions;

/// <summary>The kind of a host media source.</summary>
public enum MediaKind
{
    Video,
    Audio,
}
