namespace Roomcast.WebApi.Recordings;

public enum RecordingUrlVerdict
{
    Valid,
    Invalid,
    Expired,
}
