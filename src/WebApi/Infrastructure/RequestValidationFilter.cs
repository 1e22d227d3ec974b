using Roomcast.Errors;

namespace Roomcast.WebApi.Infrastructure;

/// <summary>Rejects a request whose body fails its own checks with one 400 that lists every bad field.</summary>
public sealed class RequestValidationFilter(TimeProvider clock) : IEndpointFilter
{
    public ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var errors = context.Arguments.OfType<IValidatableRequest>().SelectMany(r => r.Validate(clock)).ToList();
        if (errors.Count > 0)
        {
            throw RoomcastException.Invalid(errors);
        }

        return next(context);
    }
}
