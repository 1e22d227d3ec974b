namespace Roomcast.Errors;

/// <summary>The class of a domain failure; the API maps each to one HTTP status.</summary>
public enum ErrorKind
{
    Validation,
    Unauthorized,
    Forbidden,
    NotFound,
    Conflict,

    /// <summary>A dependency (storage, a silo) is down or timed out; nothing was changed and the caller may retry.</summary>
    Unavailable,

    /// <summary>The caller is going too fast; nothing was changed, and <c>retry_after</c> in the details says when to try again.</summary>
    RateLimited,
}
