namespace Roomcast.WebApi.Infrastructure;

/// <summary>
/// Rejects a request whose body fails its own checks with one 400 that lists every bad field, up to
/// <see cref="ApiError.MaxDetails"/>: collecting stops one past the bound, so a hostile body cannot make a long answer.
/// </summary>
public sealed class RequestValidationFilter(RequestValidationContext validation) : IEndpointFilter
{
    private readonly RequestValidationContext _context = validation;

    public ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var errors = context.Arguments.OfType<IValidatableRequest>().SelectMany(r => r.Validate(_context))
            .Take(ApiError.MaxDetails + 1).ToList();
        if (errors.Count > 0)
        {
            throw Errors.RoomcastException.Invalid(errors);
        }

        return next(context);
    }
}
