namespace Roomcast.Errors;

/// <summary>The class of a domain failure; the API maps each to one HTTP status.</summary>
public enum ErrorKind
{
    Validation,
    Unauthorized,
    Forbidden,
    NotFound,
    Conflict,
}
