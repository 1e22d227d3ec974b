namespace Roomcast.Bench.Peer;

/// <summary>The body of <c>PATCH /v1/sessions/{id}</c>: the new name, and the change sequence the client expects, if any.</summary>
public sealed record RenameSessionRequest(string? Name, long? ChangeSequence)
{
    public const int MaxNameLength = 256;

    /// <summary>The first problem with the body, as Roomcast's rules for a session name see it; null when it is valid.</summary>
    public string? Problem() => Name switch
    {
        null => "name is required",
        { Length: > MaxNameLength } => $"name must be at most {MaxNameLength} characters (got {Name.Length})",
        _ when Name.Any(char.IsControl) => "name must not contain control characters",
        _ when string.IsNullOrWhiteSpace(Name) => "name must not be blank",
        _ when ChangeSequence is < 1 => "change_sequence must be a positive number",
        _ => null,
    };
}
