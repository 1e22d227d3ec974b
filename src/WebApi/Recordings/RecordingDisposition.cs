namespace Roomcast.WebApi.Recordings;

/// <summary>How a browser should treat a recording's file: play it (<c>inline</c>) or save it (<c>attachment</c>).</summary>
public enum RecordingDisposition
{
    Inline,
    Attachment,
}
