using Microsoft.Extensions.Logging;
using Roomcast.Audience;
using Roomcast.Errors;
using Roomcast.Events;
using Roomcast.Grains.Audience;
using Roomcast.Grains.Events;
using Roomcast.LiveKit;
using Roomcast.Sessions;
using Roomcast.Stage;

namespace Roomcast.Grains.Stage;

/// <summary>
/// The stage of one session: hands, requests and members in one small state, written whole on every change. The
/// audience grain is asked about presence and bans (it never calls back, so there is no cycle); the session's event
/// hub hears of each change after it is stored.
/// </summary>
public sealed partial class SessionStageGrain(
    [PersistentState("stage", GrainStorage.Name)] IPersistentState<SessionStageState> state,
    ILiveKitTokens liveKit,
    TimeProvider clock,
    ILogger<SessionStageGrain> logger) : Grain, ISessionStageGrain
{
    /// <summary>Pending hands, and pending requests, each at most this many: the lists a host reads stay readable.</summary>
    public const int MaxPending = 500;

    /// <summary>Decided requests kept for their askers to read back; the oldest go first.</summary>
    public const int MaxDecidedKept = 500;

    private Guid SessionId => this.GetPrimaryKey();

    private DateTimeOffset Now => clock.GetUtcNow();

    private SessionStageState Stage => state.State;

    public async Task<StageHand> RaiseHandAsync(Guid userId, StageContext context)
    {
        RequireLive(context);
        if (!context.HandRaiseEnabled)
        {
            throw StageErrors.HandRaiseDisabled();
        }

        await RequireAdmissibleAsync(userId);
        if (IsMember(userId))
        {
            throw StageErrors.AlreadyOnStage();
        }

        if (Stage.Hands.FirstOrDefault(h => h.UserId == userId) is { } raised)
        {
            return raised;
        }

        if (Stage.Hands.Count >= MaxPending)
        {
            throw StageErrors.QueueFull("raised hands", MaxPending);
        }

        var hand = new StageHand(userId, Now);
        await state.WriteOrRevertAsync(Stage with { Hands = [.. Stage.Hands, hand] }, this);
        await PublishAsync(SessionEventTypes.HandRaised, new { UserId = userId, hand.RaisedAt }, userId);
        return hand;
    }

    public async Task<bool> LowerHandAsync(Guid userId)
    {
        if (!Stage.Hands.Any(h => h.UserId == userId))
        {
            return false;
        }

        await state.WriteOrRevertAsync(Stage with { Hands = WithoutHand(userId) }, this);
        await PublishAsync(SessionEventTypes.HandLowered, new { UserId = userId }, userId);
        return true;
    }

    public Task<StageHand?> FindHandAsync(Guid userId) => Task.FromResult(Stage.Hands.FirstOrDefault(h => h.UserId == userId));

    public Task<IReadOnlyList<StageHand>> GetHandsAsync() => Task.FromResult(Stage.Hands);

    public async Task<StageMember?> DecideHandAsync(Guid userId, StageDecision decision)
    {
        if (!Stage.Hands.Any(h => h.UserId == userId))
        {
            throw RoomcastException.NotFound("Raised hand");
        }

        StageMember? member = null;
        var next = Stage with { Hands = WithoutHand(userId) };
        if (decision.Approve)
        {
            RequireLive(decision.Context);
            await RequirePresentAsync(userId);
            (next, member) = WithMember(WithoutAsks(next, userId, decision.DecidedBy), userId, decision.Grant, decision.Context);
        }

        await state.WriteOrRevertAsync(next, this);
        await PublishAsync(SessionEventTypes.HandLowered, new { UserId = userId }, userId);
        if (member is not null)
        {
            await PublishStageAsync();
        }

        return member;
    }

    public async Task<StageRequest> RequestAsync(Guid userId, string? message, StageContext context)
    {
        RequireLive(context);
        await RequireAdmissibleAsync(userId);
        if (IsMember(userId))
        {
            throw StageErrors.AlreadyOnStage();
        }

        if (Stage.Requests.FirstOrDefault(r => r.UserId == userId && r.Status == StageRequestStatus.Pending) is { } pending)
        {
            return pending;
        }

        if (Stage.Requests.Count(r => r.Status == StageRequestStatus.Pending) >= MaxPending)
        {
            throw StageErrors.QueueFull("stage requests", MaxPending);
        }

        var request = new StageRequest(Guid.NewGuid(), userId, message, StageRequestStatus.Pending, Now);
        await state.WriteOrRevertAsync(Stage with { Requests = [.. Stage.Requests, request] }, this);
        await PublishAsync(SessionEventTypes.StageRequested, new { RequestId = request.Id, UserId = userId, request.Message, request.CreatedAt }, userId);
        return request;
    }

    public Task<IReadOnlyList<StageRequest>> GetRequestsAsync(Guid? userId) =>
        Task.FromResult<IReadOnlyList<StageRequest>>(userId is { } id
            ? Stage.Requests.Where(r => r.UserId == id).Reverse().ToList()
            : Stage.Requests.Where(r => r.Status == StageRequestStatus.Pending).ToList());

    public async Task<StageRequest> DecideRequestAsync(Guid requestId, StageDecision decision)
    {
        var request = Stage.Requests.FirstOrDefault(r => r.Id == requestId) ?? throw RoomcastException.NotFound("Stage request");
        if (request.Status != StageRequestStatus.Pending)
        {
            throw StageErrors.AlreadyDecided(request);
        }

        var decided = request with
        {
            Status = decision.Approve ? StageRequestStatus.Approved : StageRequestStatus.Rejected,
            DecidedBy = decision.DecidedBy,
            DecidedAt = Now,
        };
        var next = Stage with { Requests = Decided(Stage.Requests, decided) };
        var handLowered = false;
        if (decision.Approve)
        {
            RequireLive(decision.Context);
            await RequirePresentAsync(request.UserId);

            // Approval answers a raised hand of the same person too: they are on the stage now.
            handLowered = Stage.Hands.Any(h => h.UserId == request.UserId);
            (next, _) = WithMember(next with { Hands = WithoutHand(request.UserId) }, request.UserId, decision.Grant, decision.Context);
        }

        await state.WriteOrRevertAsync(next, this);
        if (handLowered)
        {
            await PublishAsync(SessionEventTypes.HandLowered, new { UserId = request.UserId }, request.UserId);
        }

        if (decision.Approve)
        {
            await PublishStageAsync();
        }

        return decided;
    }

    public async Task<StageMember> AddAsync(Guid userId, StagePermissions permissions, Guid decidedBy, StageContext context)
    {
        RequireLive(context);
        RequireNotHost(userId, context);
        await RequirePresentAsync(userId);
        var (next, member) = WithMember(WithoutAsks(Stage, userId, decidedBy), userId, permissions, context);
        var hadHand = Stage.Hands.Any(h => h.UserId == userId);
        await state.WriteOrRevertAsync(next, this);
        if (hadHand)
        {
            await PublishAsync(SessionEventTypes.HandLowered, new { UserId = userId }, userId);
        }

        await PublishStageAsync();
        return member;
    }

    public async Task<StageMember> UpdateAsync(Guid userId, StagePermissions permissions)
    {
        var member = Stage.Members.FirstOrDefault(m => m.UserId == userId) ?? throw RoomcastException.NotFound("Stage member");
        var updated = member with { Permissions = permissions };
        if (updated == member)
        {
            return member;
        }

        await state.WriteOrRevertAsync(Stage with { Members = Stage.Members.Select(m => m.UserId == userId ? updated : m).ToList() }, this);
        await PublishStageAsync();
        return updated;
    }

    public async Task<bool> RemoveAsync(Guid userId)
    {
        if (!IsMember(userId))
        {
            return false;
        }

        await state.WriteOrRevertAsync(Stage with { Members = Stage.Members.Where(m => m.UserId != userId).ToList() }, this);
        await PublishStageAsync();
        return true;
    }

    public Task<IReadOnlyList<StageMember>> GetMembersAsync() => Task.FromResult(Stage.Members);

    public async Task<StageAdmission> IssueTokenAsync(Guid userId, string displayName, Guid hostId)
    {
        var member = userId == hostId
            ? new StageMember(userId, new StagePermissions(Audio: true, Video: true, ScreenShare: true), Now)
            : Stage.Members.FirstOrDefault(m => m.UserId == userId) ?? throw StageErrors.NotOnStage();
        if (userId != hostId)
        {
            // A ban (or leaving the session) does not take anyone off the stage list, but it ends their right to publish.
            await RequireAdmissibleAsync(userId);
        }

        var room = LiveKitRoomNames.ForSession(SessionId);
        var identity = userId.ToString();
        var sources = StageSources.Of(member.Permissions);
        var token = liveKit.Issue(
            new LiveKitParticipant(identity, displayName),
            new LiveKitVideoGrant(room, RoomJoin: true, CanPublish: sources.Count > 0, CanSubscribe: true, CanPublishData: true, Hidden: false)
            {
                CanPublishSources = sources,
            });
        return new StageAdmission(token.Jwt, token.ExpiresAt, liveKit.Url, room, identity, member.Permissions, sources);
    }

    private bool IsMember(Guid userId) => Stage.Members.Any(m => m.UserId == userId);

    private List<StageHand> WithoutHand(Guid userId) => Stage.Hands.Where(h => h.UserId != userId).ToList();

    /// <summary>Someone going up: their hand is lowered and their pending request approved (by whoever brought them up).</summary>
    private SessionStageState WithoutAsks(SessionStageState current, Guid userId, Guid decidedBy) => current with
    {
        Hands = current.Hands.Where(h => h.UserId != userId).ToList(),
        Requests = current.Requests.Select(r => r.UserId == userId && r.Status == StageRequestStatus.Pending
            ? r with { Status = StageRequestStatus.Approved, DecidedBy = decidedBy, DecidedAt = Now } : r).ToList(),
    };

    /// <summary>The state with the person on the stage (their permissions replaced when they were on it already).</summary>
    private (SessionStageState Next, StageMember Member) WithMember(SessionStageState current, Guid userId, StagePermissions permissions, StageContext context)
    {
        RequireNotHost(userId, context);
        if (current.Members.FirstOrDefault(m => m.UserId == userId) is { } existing)
        {
            var changed = existing with { Permissions = permissions };
            return (current with { Members = current.Members.Select(m => m.UserId == userId ? changed : m).ToList() }, changed);
        }

        if (current.Members.Count >= context.MaxStageParticipants)
        {
            throw StageErrors.StageFull(context.MaxStageParticipants);
        }

        var member = new StageMember(userId, permissions, Now);
        return (current with { Members = [.. current.Members, member] }, member);
    }

    /// <summary>The request list with one request decided, keeping every pending one and the newest decided ones.</summary>
    private static List<StageRequest> Decided(IReadOnlyList<StageRequest> requests, StageRequest decided)
    {
        var next = requests.Select(r => r.Id == decided.Id ? decided : r).ToList();
        var surplus = next.Count(r => r.Status != StageRequestStatus.Pending) - MaxDecidedKept;
        if (surplus > 0)
        {
            var dropped = next.Where(r => r.Status != StageRequestStatus.Pending).OrderBy(r => r.DecidedAt).Take(surplus).Select(r => r.Id).ToHashSet();
            next.RemoveAll(r => dropped.Contains(r.Id));
        }

        return next;
    }

    private static void RequireNotHost(Guid userId, StageContext context)
    {
        if (userId == context.HostId)
        {
            throw RoomcastException.Invalid("user_id", "is the session's host, who is always on the stage");
        }
    }

    private static void RequireLive(StageContext context)
    {
        if (context.State != SessionState.Live)
        {
            throw AudienceErrors.NotLive(context.State);
        }
    }

    /// <summary>Someone asking for themselves: not banned (checked first: a ban also ends presence), and present.</summary>
    private async Task RequireAdmissibleAsync(Guid userId) =>
        AudienceErrors.Require(await GrainFactory.GetGrain<ISessionAudienceGrain>(SessionId).GetStandingAsync(userId), StageErrors.NotJoined);

    private async Task RequirePresentAsync(Guid userId)
    {
        if (!await GrainFactory.GetGrain<ISessionAudienceGrain>(SessionId).IsPresentAsync(userId))
        {
            throw StageErrors.TargetNotJoined();
        }
    }

    private Task PublishStageAsync() => PublishAsync(SessionEventTypes.StageChanged, new
    {
        Members = Stage.Members.Select(m => new
        {
            m.UserId,
            CanPublishAudio = m.Permissions.Audio,
            CanPublishVideo = m.Permissions.Video,
            CanShareScreen = m.Permissions.ScreenShare,
            m.AddedAt,
        }).ToList(),
    });

    private Task PublishAsync(string type, object data, Guid? subject = null) =>
        GrainFactory.PublishSessionEventAsync(SessionId, SessionEventDraft.Of(type, data, subject), logger);
}
