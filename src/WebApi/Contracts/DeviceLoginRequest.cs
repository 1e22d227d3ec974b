using Roomcast.Errors;
using Roomcast.WebApi.Infrastructure;

namespace Roomcast.WebApi.Contracts;

public sealed record DeviceLoginRequest(string? DeviceToken) : IValidatableRequest
{
    public IEnumerable<FieldError> Validate(RequestValidationContext context) => FieldRules.Text("device_token", DeviceToken, 256, required: true);
}
