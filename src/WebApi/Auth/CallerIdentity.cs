using System.Security.Claims;

namespace Roomcast.WebApi.Auth;

/// <summary>
/// A validated identity that carries the <see cref="Auth.Caller"/> read from its claims, so the scope binding and
/// every authorization handler of a request use it instead of parsing the claims again. A bearer token's identity
/// is built once per token (validations are cached), an API key's once per request.
/// </summary>
public sealed class CallerIdentity : ClaimsIdentity
{
    private CallerIdentity(ClaimsIdentity validated, Caller caller) : base(validated) => Caller = caller;

    public Caller Caller { get; }

    /// <summary>The identity with its caller, or the identity unchanged when its claims name no valid caller.</summary>
    public static ClaimsIdentity Of(ClaimsIdentity validated) =>
        Caller.Read(type => validated.FindFirst(type)?.Value) is { } caller ? new CallerIdentity(validated, caller) : validated;
}
