using System.Reflection;

namespace Roomcast.WebApi.Infrastructure;

/// <summary>
/// Rejects a request whose body fails its own checks with one 400 that lists every bad field, up to
/// <see cref="ApiError.MaxDetails"/>: collecting stops one past the bound, so a hostile body cannot make a long answer.
/// </summary>
public sealed class RequestValidationFilter(RequestValidationContext validation) : IEndpointFilter
{
    private readonly RequestValidationContext _context = validation;

    /// <summary>
    /// Adds the filter to the routes whose handler takes a request that validates itself, and leaves the others
    /// unfiltered: a route with a filter builds an argument list and a filter context on every request, which on the
    /// hot read (no body) had nothing to check (README Performance).
    /// </summary>
    public static EndpointFilterDelegate AddWhereNeeded(EndpointFilterFactoryContext context, EndpointFilterDelegate next)
    {
        if (!context.MethodInfo.GetParameters().Any(TakesValidatableRequest))
        {
            return next;
        }

        var filter = context.ApplicationServices.GetRequiredService<RequestValidationFilter>();
        return invocation => filter.InvokeAsync(invocation, next);
    }

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

    /// <summary>A parameter whose argument may be an <see cref="IValidatableRequest"/> (a declared <c>object</c> may hold anything).</summary>
    private static bool TakesValidatableRequest(ParameterInfo parameter) =>
        typeof(IValidatableRequest).IsAssignableFrom(parameter.ParameterType) || parameter.ParameterType == typeof(object);
}
