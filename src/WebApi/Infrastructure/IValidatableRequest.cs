using Roomcast.Errors;

namespace Roomcast.WebApi.Infrastructure;

/// <summary>A request body that can list everything wrong with it at once.</summary>
public interface IValidatableRequest
{
    IEnumerable<FieldError> Validate(RequestValidationContext context);
}
