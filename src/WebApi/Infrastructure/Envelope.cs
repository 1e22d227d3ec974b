using Microsoft.AspNetCore.Http.HttpResults;
using Roomcast.Errors;

namespace Roomcast.WebApi.Infrastructure;

/// <summary>Builds the envelopes with the server's clock.</summary>
public sealed class Envelope(TimeProvider clock)
{
    public Ok<ApiResponse<T>> Ok<T>(T data) => TypedResults.Ok(Wrap(data));

    public Created<ApiResponse<T>> Created<T>(string location, T data) => TypedResults.Created(location, Wrap(data));

    public ApiResponse<T> Wrap<T>(T data) => new(true, data, clock.GetUtcNow().ToUnixTimeMilliseconds());

    /// <summary>The error envelope; more than <see cref="ApiError.MaxDetails"/> details are cut to that many, and the message says so.</summary>
    public ApiErrorResponse Error(string code, string message, IReadOnlyList<FieldError>? details = null)
    {
        if (details is { Count: > ApiError.MaxDetails })
        {
            details = details.Take(ApiError.MaxDetails).ToList();
            message = $"{message} Only the first {ApiError.MaxDetails} problems are listed.";
        }

        return new(false, new ApiError(code, message, details is { Count: > 0 } ? details : null), clock.GetUtcNow().ToUnixTimeMilliseconds());
    }
}
