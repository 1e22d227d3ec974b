using Roomcast.WebApi.Infrastructure;
using Roomcast.WebApi.Recordings;

namespace Roomcast.WebApi.Contracts;

/// <summary>
/// A signed URL of the recording's file, usable without credentials until <c>expires_at</c>; with <c>disposition</c>
/// <c>attachment</c> the browser saves the file instead of playing it.
/// </summary>
public sealed record RecordingDownloadResponse(
    Guid RecordingId,
    string Url,
    DateTimeOffset ExpiresAt,
    int ExpiresIn,
    [property: EnumValues<RecordingDisposition>] string Disposition);
