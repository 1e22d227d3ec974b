namespace Roomcast.Stage;

/// <summary>
/// The stage of one session (key = session id): raised hands, requests to join, and who is on it with what they may
/// publish. Stage tokens are minted in this grain's turns, so none is issued after a removal is acknowledged, and
/// two decisions on one request are serialized: exactly one of them wins.
/// </summary>
[Alias("Roomcast.ISessionStageGrain")]
public interface ISessionStageGrain : IGrainWithGuidKey
{
    /// <summary>Raises the person's hand (idempotent: a raised hand keeps its time).</summary>
    [Alias("RaiseHand")]
    Task<StageHand> RaiseHandAsync(Guid userId, StageContext context);

    /// <summary>Lowers the person's hand; false when it was not raised.</summary>
    [Alias("LowerHand")]
    Task<bool> LowerHandAsync(Guid userId);

    [Alias("FindHand")]
    Task<StageHand?> FindHandAsync(Guid userId);

    /// <summary>The raised hands, oldest first.</summary>
    [Alias("GetHands")]
    Task<IReadOnlyList<StageHand>> GetHandsAsync();

    /// <summary>Approves (onto the stage) or rejects a raised hand, which is lowered either way; not-found when it is not raised.</summary>
    [Alias("DecideHand")]
    Task<StageMember?> DecideHandAsync(Guid userId, StageDecision decision);

    /// <summary>Asks to join the stage; a pending request of the person's is answered again rather than doubled.</summary>
    [Alias("Request")]
    Task<StageRequest> RequestAsync(Guid userId, string? message, StageContext context);

    /// <summary>The pending requests, oldest first, or (with a user) every request of that person, newest first.</summary>
    [Alias("GetRequests")]
    Task<IReadOnlyList<StageRequest>> GetRequestsAsync(Guid? userId);

    /// <summary>Approves or rejects a pending request; a conflict (<c>already_decided</c>) when it was decided before.</summary>
    [Alias("DecideRequest")]
    Task<StageRequest> DecideRequestAsync(Guid requestId, StageDecision decision);

    /// <summary>
    /// Puts a present person on the stage (or changes what they may publish, when they are on it); their hand is
    /// lowered and a pending request of theirs approved by <paramref name="decidedBy"/>.
    /// </summary>
    [Alias("Add")]
    Task<StageMember> AddAsync(Guid userId, StagePermissions permissions, Guid decidedBy, StageContext context);

    /// <summary>Changes what a stage member may publish; not-found when they are not on the stage.</summary>
    [Alias("Update")]
    Task<StageMember> UpdateAsync(Guid userId, StagePermissions permissions);

    /// <summary>Takes the person off the stage; false when they were not on it.</summary>
    [Alias("Remove")]
    Task<bool> RemoveAsync(Guid userId);

    [Alias("GetMembers")]
    Task<IReadOnlyList<StageMember>> GetMembersAsync();

    /// <summary>
    /// A LiveKit token publishing exactly the member's sources (the host, always on the stage, publishes every
    /// source); a conflict (<c>not_on_stage</c>) for anyone else, and 403 (<c>banned</c>, <c>not_joined</c>) for a member
    /// who was banned or is no longer present.
    /// </summary>
    [Alias("IssueToken")]
    Task<StageAdmission> IssueTokenAsync(Guid userId, string displayName, Guid hostId);
}
