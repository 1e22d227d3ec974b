namespace Roomcast.Identity;

/// <summary>A device token's binding to its viewer (key = SHA-256 hex of the token, never the token itself).</summary>
[Alias("Roomcast.IDeviceIdentityGrain")]
public interface IDeviceIdentityGrain : IGrainWithStringKey
{
    /// <summary>Binds the device to a user; a conflict when it is bound to another.</summary>
    [Alias("Bind")]
    Task BindAsync(Guid userId);

    /// <summary>Returns the bound user, or null when the token is unknown.</summary>
    [Alias("Find")]
    Task<Guid?> FindAsync();
}
