namespace Roomcast.Storage;

/// <summary>Section <c>RecordingStorage:Local</c>: recordings as files under one directory.</summary>
public sealed class LocalRecordingStorageOptions
{
    /// <summary>
    /// The directory the keys are relative to, created on start. Unset: <c>recordings</c> under the app's content root
    /// (the same in every environment, so a LiveKit egress container can mount it); a relative path is taken from the
    /// content root too.
    /// </summary>
    public string? Root { get; set; }

    /// <summary>
    /// The same directory as LiveKit's egress sees it (its container mounts <see cref="Root"/> elsewhere, e.g.
    /// <c>/out</c>); egress writes <c>{EgressRoot}/{key}</c>. Unset: <see cref="Root"/>.
    /// </summary>
    public string? EgressRoot { get; set; }
}
