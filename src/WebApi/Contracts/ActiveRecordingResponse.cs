namespace Roomcast.WebApi.Contracts;

/// <summary>Whether the session is being recorded, and the recording if it is.</summary>
public sealed record ActiveRecordingResponse(Guid SessionId, bool Recording, RecordingResponse? ActiveRecording);
