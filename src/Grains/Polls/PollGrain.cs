using System.Globalization;
using Microsoft.Extensions.Logging;
using Roomcast.Errors;
using Roomcast.Events;
using Roomcast.Grains.Events;
using Roomcast.Polls;

namespace Roomcast.Grains.Polls;

/// <summary>
/// One poll. The definition lives in grain state; each vote is a row of the vote log, written before anything
/// changes here, and the log's insert-if-absent is what makes a vote count once: a vote this activation has not
/// seen but the log refuses (a retry after a lost answer, a vote taken by an earlier activation) is already_voted
/// all the same. The counts are the log's, read back on activation and kept up to date in memory.
/// </summary>
public sealed partial class PollGrain(
    [PersistentState("poll", GrainStorage.Name)] IPersistentState<PollGrainState> state,
    IPollVoteLog votes,
    TimeProvider clock,
    ILogger<PollGrain> logger) : Grain, IPollGrain
{
    /// <summary>The least time between two <c>poll.voted</c> events of one poll: at most four a second, whatever the vote rate.</summary>
    public static readonly TimeSpan VotedEventInterval = TimeSpan.FromMilliseconds(250);

    public const string OptionIdPrefix = "o";

    private readonly Dictionary<string, int> _counts = new(StringComparer.Ordinal);
    private readonly HashSet<Guid> _votersSeen = [];
    private readonly EmptyActivationRetirement _retirement = new();
    private int _voters;
    private bool _countsChanged;
    private IGrainTimer? _votedTimer;

    private Guid PollId => this.GetPrimaryKey();

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        if (state.State.Exists)
        {
            var tally = await votes.CountAsync(PollId);
            foreach (var count in tally.Options)
            {
                _counts[count.OptionId] = count.Votes;
            }

            _voters = tally.Voters;
        }
    }

    public async Task<PollSnapshot> CreateAsync(CreatePollCommand command, DateTimeOffset createdAt)
    {
        if (state.State.Exists)
        {
            return Snapshot();
        }

        var options = command.Options
            .Select((text, index) => new PollOption(OptionIdPrefix + (index + 1).ToString(CultureInfo.InvariantCulture), text))
            .ToList();
        await state.WriteOrRevertAsync(new PollGrainState
        {
            SessionId = command.SessionId,
            Question = command.Question,
            Options = options,
            MultipleChoice = command.MultipleChoice,
            Anonymous = command.Anonymous,
            CreatedBy = command.CreatedBy,
            CreatedAt = createdAt,
        }, this);
        return Snapshot();
    }

    public Task<PollSnapshot> GetAsync() => Task.FromResult(RequireExisting());

    public async Task<PollSnapshot> VoteAsync(PollBallot ballot)
    {
        RequireExisting(ballot.SessionId);
        if (state.State.ClosedAt is { } closedAt)
        {
            throw PollErrors.Closed(closedAt);
        }

        Validate(ballot.OptionIds);
        if (_votersSeen.Contains(ballot.UserId))
        {
            throw PollErrors.AlreadyVoted();
        }

        bool recorded;
        try
        {
            recorded = await votes.RecordAsync(PollId, ballot.UserId, ballot.OptionIds, clock.GetUtcNow());
        }
        catch
        {
            // The row may have been written with its answer lost: a fresh activation counts what the log holds.
            DeactivateOnIdle();
            throw;
        }

        _votersSeen.Add(ballot.UserId);
        if (!recorded)
        {
            throw PollErrors.AlreadyVoted();
        }

        foreach (var optionId in ballot.OptionIds)
        {
            _counts[optionId] = _counts.GetValueOrDefault(optionId) + 1;
        }

        _voters++;
        _countsChanged = true;
        _votedTimer ??= this.RegisterGrainTimer(PublishVotedAsync, new GrainTimerCreationOptions
        {
            DueTime = VotedEventInterval,
            Period = VotedEventInterval,
        });
        return Snapshot();
    }

    public async Task<PollSnapshot> CloseAsync(Guid sessionId)
    {
        RequireExisting(sessionId);
        if (state.State.ClosedAt is not null)
        {
            return Snapshot();
        }

        await state.WriteOrRevertAsync(state.State with { ClosedAt = clock.GetUtcNow() }, this);
        StopVotedEvents();
        var closed = Snapshot();
        await PublishAsync(SessionEventTypes.PollClosed, new
        {
            PollId,
            Counts = closed.Tally.Options,
            TotalVoters = closed.Tally.Voters,
            closed.ClosedAt,
        });
        return closed;
    }

    private PollSnapshot RequireExisting(Guid? sessionId = null)
    {
        if (!state.State.Exists || (sessionId is { } session && session != state.State.SessionId))
        {
            _retirement.Schedule(this);
            throw RoomcastException.NotFound("Poll");
        }

        return Snapshot();
    }

    private void Validate(IReadOnlyList<string> optionIds)
    {
        var known = state.State.Options.Select(o => o.Id).ToHashSet(StringComparer.Ordinal);
        if (optionIds.FirstOrDefault(id => !known.Contains(id)) is { } unknown)
        {
            throw RoomcastException.Invalid("option_ids", $"names '{unknown}', which is not an option of this poll");
        }

        if (optionIds.Distinct(StringComparer.Ordinal).Count() != optionIds.Count)
        {
            throw RoomcastException.Invalid("option_ids", "must not name an option twice");
        }

        if (!state.State.MultipleChoice && optionIds.Count != 1)
        {
            throw RoomcastException.Invalid("option_ids", "must name exactly one option: the poll is single-choice");
        }

        if (optionIds.Count == 0)
        {
            throw RoomcastException.Invalid("option_ids", "must name at least one option");
        }
    }

    private PollSnapshot Snapshot()
    {
        var s = state.State;
        var tally = new PollTally(s.Options.Select(o => new PollOptionCount(o.Id, _counts.GetValueOrDefault(o.Id))).ToList(), _voters);
        return new PollSnapshot(PollId, s.SessionId, s.Question, s.Options, s.MultipleChoice, s.Anonymous, s.CreatedBy, s.CreatedAt, s.ClosedAt, tally);
    }

    /// <summary>One event per interval with the counts of the moment, instead of one per vote; the timer stops when votes stop.</summary>
    private async Task PublishVotedAsync(CancellationToken cancellationToken)
    {
        if (!_countsChanged)
        {
            StopVotedEvents();
            return;
        }

        _countsChanged = false;
        var tally = Snapshot().Tally;
        await PublishAsync(SessionEventTypes.PollVoted, new { PollId, Counts = tally.Options, TotalVoters = tally.Voters });
    }

    private void StopVotedEvents()
    {
        _votedTimer?.Dispose();
        _votedTimer = null;
        _countsChanged = false;
    }

    private Task PublishAsync(string type, object data) =>
        GrainFactory.PublishSessionEventAsync(state.State.SessionId, SessionEventDraft.Of(type, data), logger);
}
