using Roomcast.Catalog;
using Roomcast.Sessions;
using Roomcast.WebApi.Auth;
using Roomcast.WebApi.Infrastructure;

namespace Roomcast.WebApi.Apis;

/// <summary>What the resource handlers need, bound in one <c>[AsParameters]</c> argument.</summary>
public sealed class ApiServices(
    RequestScope scope,
    GrainReferences grains,
    ISessionCatalog sessions,
    IRoomCatalog rooms,
    Envelope envelope,
    ResourceAuthorization access,
    TimeProvider clock)
{
    /// <summary>The caller and the library the request is confined to.</summary>
    public RequestScope Scope { get; } = scope;

    public GrainReferences Grains { get; } = grains;
    public ISessionCatalog Sessions { get; } = sessions;
    public IRoomCatalog Rooms { get; } = rooms;
    public Envelope Envelope { get; } = envelope;
    public ResourceAuthorization Access { get; } = access;
    public TimeProvider Clock { get; } = clock;

    /// <summary>
    /// The session, once the caller holds <paramref name="permission"/> on it: 404 when they may not even see it (or it
    /// does not exist), 403 when they may see it but not do this.
    /// </summary>
    public async Task<SessionSnapshot> RequireSessionAsync(Guid sessionId, SessionPermission permission)
    {
        var session = await Grains.Get<ISessionGrain>(sessionId).GetAsync();
        await Access.RequireAsync(Scope, session, permission);
        return session;
    }
}
