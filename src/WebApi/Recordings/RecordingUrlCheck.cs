namespace Roomcast.WebApi.Recordings;

/// <summary>The outcome of checking a signed file URL: what it grants, when valid.</summary>
public sealed record RecordingUrlCheck(RecordingUrlVerdict Verdict, RecordingDisposition Disposition, DateTimeOffset ExpiresAt)
{
    public static readonly RecordingUrlCheck Invalid = new(RecordingUrlVerdict.Invalid, RecordingDisposition.Inline, DateTimeOffset.MinValue);
    public static readonly RecordingUrlCheck Expired = new(RecordingUrlVerdict.Expired, RecordingDisposition.Inline, DateTimeOffset.MinValue);
}
