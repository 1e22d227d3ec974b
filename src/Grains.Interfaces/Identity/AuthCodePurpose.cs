namespace Roomcast.Identity;

/// <summary>What a one-time auth code was issued for.</summary>
/// <remarks>Persisted as its number (grain state): never renumber, only append.</remarks>
public enum AuthCodePurpose
{
    /// <summary>Hand the caller's sign-in to another app or device (<c>POST /v1/auth/code</c>).</summary>
    SignIn = 0,

    /// <summary>A host opening the viewer app's studio for one session (<c>studio_url</c>).</summary>
    Studio = 1,
}
