namespace Roomcast.Sessions;

/// <summary>The kind of a host media source.</summary>
/// <remarks>Persisted as its number (grain state, catalog): never renumber, only append.</remarks>
public enum MediaKind
{
    Video = 0,
    Audio = 1,
}
