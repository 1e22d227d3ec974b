using Roomcast.ApiKeys;
using Roomcast.Catalog;
using Roomcast.Errors;
using Roomcast.Grains.Catalog;
using Roomcast.Libraries;

namespace Roomcast.Grains.Libraries;

/// <summary>One library's profile and the list of its API keys.</summary>
public sealed class LibraryGrain(
    [PersistentState("library", GrainStorage.Name)] IPersistentState<LibraryGrainState> state,
    TimeProvider clock) : Grain, ILibraryGrain
{
    private readonly EmptyActivationRetirement _emptyRetirement = new();

    /// <summary>Issued keys a library may hold, revoked ones included: the list lives in this grain's state.</summary>
    public const int MaxApiKeys = 1000;

    public async Task<LibraryProfile> CreateAsync(string name)
    {
        if (state.State.Profile is not null)
        {
            throw new RoomcastException(ErrorKind.Conflict, "already_exists", "The library already exists.");
        }

        var profile = new LibraryProfile(this.GetPrimaryKey(), name, clock.GetUtcNow());
        await state.WriteOrRevertAsync(state.State with { Profile = profile }, this);

        // Listed once it exists: a crash in between leaves an unlisted library (reachable by id), never a listed ghost.
        await GrainFactory.GetGrain<ILibraryDirectoryGrain>(ILibraryDirectoryGrain.Key).AddAsync(profile);
        return profile;
    }

    public Task<LibraryProfile?> FindAsync()
    {
        if (state.State.Profile is null)
        {
            // Nothing to keep in memory for a lookup that found nothing.
            _emptyRetirement.Schedule(this);
        }

        return Task.FromResult(state.State.Profile);
    }

    public async Task<ApiKeyInfo> AddApiKeyAsync(NewApiKey key)
    {
        if (state.State.Profile is null)
        {
            throw RoomcastException.NotFound("Library");
        }

        if (state.State.ApiKeys.FirstOrDefault(k => k.Id == key.Id) is { } listed)
        {
            return listed;
        }

        if (state.State.ApiKeys.Count >= MaxApiKeys)
        {
            throw new RoomcastException(ErrorKind.Conflict, "too_many_api_keys",
                $"A library holds at most {MaxApiKeys} API keys, revoked ones included.");
        }

        var info = new ApiKeyInfo(key.Id, this.GetPrimaryKey(), key.Name, key.Role, key.Prefix, key.Last4, clock.GetUtcNow(), RevokedOn: null);
        await state.WriteOrRevertAsync(state.State with { ApiKeys = [.. state.State.ApiKeys, info] }, this);
        return info;
    }

    public async Task<ApiKeyInfo?> MarkApiKeyRevokedAsync(Guid keyId, DateTimeOffset revokedOn)
    {
        if (state.State.ApiKeys.FirstOrDefault(k => k.Id == keyId) is not { } key)
        {
            return null;
        }

        if (key.RevokedOn is not null)
        {
            return key;
        }

        var revoked = key with { RevokedOn = revokedOn };
        await state.WriteOrRevertAsync(state.State with { ApiKeys = [.. state.State.ApiKeys.Select(k => k.Id == keyId ? revoked : k)] }, this);
        return revoked;
    }

    public Task<ApiKeyInfo?> FindApiKeyAsync(Guid keyId) => Task.FromResult(state.State.ApiKeys.FirstOrDefault(k => k.Id == keyId));

    public Task<ApiKeyPage> ListApiKeysAsync(int limit, string? startAfter, string? endBefore)
    {
        var page = KeysetPager.Paginate(state.State.ApiKeys, k => new CatalogCursor(k.CreatedOn, k.Id),
            new PageRequest(limit, startAfter, endBefore));
        return Task.FromResult(new ApiKeyPage(page.Items, page.NextCursor, page.PreviousCursor));
    }
}
