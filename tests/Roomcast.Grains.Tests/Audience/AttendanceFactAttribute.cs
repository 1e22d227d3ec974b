namespace Roomcast.Grains.Tests.Audience;

/// <summary>A fact of <see cref="AttendanceLogContract"/>; in this project it always runs (the log is in memory).</summary>
public sealed class AttendanceFactAttribute : FactAttribute;
