using Roomcast.Libraries;

namespace Roomcast.WebApi.Auth;

/// <summary>What the resource policies decide on: a room or session, and the library the request is confined to.</summary>
public sealed record ScopedResource<TResource>(TResource Resource, Guid? ScopeLibraryId) : IScopedResource
    where TResource : ILibraryOwned
{
    public Guid ResourceLibraryId => Resource.LibraryId;
}
