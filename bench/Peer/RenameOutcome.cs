namespace Roomcast.Bench.Peer;

public enum RenameStatus
{
    Renamed,
    NotFound,
    Forbidden,
    Conflict,
}

/// <summary>What a rename came to; <see cref="Session"/> is the row as written when <see cref="Status"/> is Renamed.</summary>
public sealed record RenameOutcome(RenameStatus Status, PeerSession? Session = null);
