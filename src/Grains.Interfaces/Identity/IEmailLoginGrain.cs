namespace Roomcast.Identity;

/// <summary>
/// The password login of one email address (key = normalized email). Claiming it is atomic, so two
/// registrations racing for one address cannot both win.
/// </summary>
[Alias("Roomcast.IEmailLoginGrain")]
public interface IEmailLoginGrain : IGrainWithStringKey
{
    /// <summary>Binds the address to a user; a conflict when another user holds it.</summary>
    [Alias("Claim")]
    Task ClaimAsync(EmailCredential credential);

    /// <summary>Returns the credential, or null when the address is not registered.</summary>
    [Alias("Find")]
    Task<EmailCredential?> FindAsync();
}
