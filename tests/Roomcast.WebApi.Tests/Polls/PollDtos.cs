namespace Roomcast.WebApi.Tests.Polls;

public sealed record PollOptionDto(string Id, string Text, int Votes);

public sealed record PollDto(
    Guid Id, Guid SessionId, string Question, IReadOnlyList<PollOptionDto> Options, bool MultipleChoice, bool Anonymous, bool Closed,
    Guid CreatedBy, DateTimeOffset CreatedAt, DateTimeOffset? ClosedAt, int TotalVoters);

public sealed record PollResultsDto(Guid PollId, IReadOnlyList<PollOptionDto> Options, int TotalVoters, bool Closed, DateTimeOffset? ClosedAt);
