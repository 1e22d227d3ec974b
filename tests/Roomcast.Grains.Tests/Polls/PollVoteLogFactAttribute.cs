namespace Roomcast.Grains.Tests.Polls;

/// <summary>A fact of <see cref="PollVoteLogContract"/>; in this project it always runs (the log is in memory).</summary>
public sealed class PollVoteLogFactAttribute : FactAttribute;
