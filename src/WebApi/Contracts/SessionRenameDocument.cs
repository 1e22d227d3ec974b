namespace Roomcast.WebApi.Contracts;

/// <summary>The documented shape of the rename body (the handler reads it field by field, see <see cref="SessionPatchBody"/>).</summary>
public sealed record SessionRenameDocument(string Name, long? ChangeSequence);
