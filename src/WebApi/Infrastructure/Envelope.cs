using Microsoft.AspNetCore.Http.HttpResults;
using Roomcast.Errors;

namespace Roomcast.WebApi.Infrastructure;

/// <summary>Builds the envelopes with the server's clock.</summary>
public sealed class Envelope(TimeProvider clock)
{
    public Ok<ApiResponse<T>> Ok<T>(T data) => TypedResults.Ok(Wrap(data));

    public Created<ApiResponse<T>> Created<T>(string location, T data) => TypedResults.Created(location, Wrap(data));

    public ApiResponse<T> Wrap<T>(T data) => new(true, data, clock.GetUtcNow().ToUnixTimeMilliseconds());

    public ApiErrorResponse Error(string code, string message, IReadOnlyList<FieldError>? details = null) =>
        new(false, new ApiError(code, message, details is { Count: > 0 } ? details : null), clock.GetUtcNow().ToUnixTimeMilliseconds());
}
