namespace Roomcast.Identity;

/// <summary>One user's profile (key = user id).</summary>
[Alias("Roomcast.IUserGrain")]
public interface IUserGrain : IGrainWithGuidKey
{
    /// <summary>Creates the profile; a conflict when it already exists.</summary>
    [Alias("Create")]
    Task<UserProfile> CreateAsync(NewUser user);

    /// <summary>Returns the profile, or null when there is none.</summary>
    [Alias("Find")]
    Task<UserProfile?> FindAsync();
}
