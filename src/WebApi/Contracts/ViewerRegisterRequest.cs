using Roomcast.Errors;
using Roomcast.WebApi.Infrastructure;

namespace Roomcast.WebApi.Contracts;

/// <summary>A viewer registering a device: a display name, and the library to join (the default library when none is named).</summary>
public sealed record ViewerRegisterRequest(string? DisplayName, Guid? LibraryId) : IValidatableRequest
{
    public IEnumerable<FieldError> Validate(RequestValidationContext context) => FieldRules.Text("display_name", DisplayName, 100, required: true);
}
