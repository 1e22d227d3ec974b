namespace Roomcast.Identity;

/// <summary>
/// One short-lived, one-time auth code (key = SHA-256 hex of the code: grain ids appear in logs and on the
/// dashboard, so the code itself never does). Exchanging it is atomic: of any number of racing exchanges,
/// exactly one succeeds.
/// </summary>
[Alias("Roomcast.IAuthCodeGrain")]
public interface IAuthCodeGrain : IGrainWithStringKey
{
    /// <summary>Issues the code for <paramref name="lifetime"/>; a conflict when this key was already issued.</summary>
    [Alias("Issue")]
    Task IssueAsync(AuthCodeGrant grant, TimeSpan lifetime);

    /// <summary>Consumes the code and returns its grant; unauthorized <c>invalid_code</c> when unknown, expired or used.</summary>
    [Alias("Exchange")]
    Task<AuthCodeGrant> ExchangeAsync();
}
