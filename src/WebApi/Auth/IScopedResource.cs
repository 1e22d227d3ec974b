namespace Roomcast.WebApi.Auth;

/// <summary>A resource seen through a request's library scope (see <see cref="TenantHandler"/>).</summary>
public interface IScopedResource
{
    Guid ResourceLibraryId { get; }

    /// <summary>Null when the request spans every library (an admin outside library-scoped routes).</summary>
    Guid? ScopeLibraryId { get; }
}
