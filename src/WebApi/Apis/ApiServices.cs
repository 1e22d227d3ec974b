using Roomcast.Catalog;
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
}
