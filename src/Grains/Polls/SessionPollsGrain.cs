using Microsoft.Extensions.Logging;
using Roomcast.Events;
using Roomcast.Grains.Events;
using Roomcast.Polls;

namespace Roomcast.Grains.Polls;

/// <summary>
/// A session's poll index. The poll is created first and listed second: a listing never names a poll that does not
/// exist, and a creation whose listing failed leaves only an unlisted poll nobody was told of (its 503 says retry).
/// </summary>
public sealed partial class SessionPollsGrain(
    [PersistentState("polls", GrainStorage.Name)] IPersistentState<SessionPollsGrainState> state,
    TimeProvider clock,
    ILogger<SessionPollsGrain> logger) : Grain, ISessionPollsGrain
{
    /// <summary>The most polls one session may hold: enough for any live event, small enough to keep the index one small state.</summary>
    public const int MaxPolls = 100;

    private Guid SessionId => this.GetPrimaryKey();

    public async Task<PollSnapshot> CreateAsync(CreatePollCommand command)
    {
        var poll = GrainFactory.GetGrain<IPollGrain>(command.PollId);
        if (state.State.Polls.Any(p => p.PollId == command.PollId))
        {
            return await poll.GetAsync();
        }

        if (state.State.Polls.Count >= MaxPolls)
        {
            throw PollErrors.TooMany(MaxPolls);
        }

        var created = await poll.CreateAsync(command with { SessionId = SessionId }, clock.GetUtcNow());
        await state.WriteOrRevertAsync(state.State with
        {
            Polls = [.. state.State.Polls, new PollEntry(created.PollId, created.CreatedAt)],
        }, this);

        await GrainFactory.PublishSessionEventAsync(SessionId, SessionEventDraft.Of(SessionEventTypes.PollCreated, new
        {
            created.PollId,
            created.Question,
            created.Options,
            created.MultipleChoice,
            created.Anonymous,
            created.CreatedAt,
        }), logger);

        return created;
    }

    public Task<IReadOnlyList<PollEntry>> ListAsync() => Task.FromResult(state.State.Polls);
}
