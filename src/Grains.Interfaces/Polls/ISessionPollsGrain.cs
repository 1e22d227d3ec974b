using Orleans.Concurrency;

namespace Roomcast.Polls;

/// <summary>
/// The polls of one session (key = session id) in creation order: the listing and the per-session cap. Creation
/// passes through here so that two concurrent creations cannot both take the last place.
/// </summary>
[Alias("Roomcast.ISessionPollsGrain")]
public interface ISessionPollsGrain : IGrainWithGuidKey
{
    /// <summary>Creates the poll and lists it; too_many_polls once the session holds the maximum.</summary>
    [Alias("Create")]
    Task<PollSnapshot> CreateAsync(CreatePollCommand command);

    /// <summary>The session's polls, oldest first.</summary>
    [Alias("List"), ReadOnly]
    Task<IReadOnlyList<PollEntry>> ListAsync();
}
