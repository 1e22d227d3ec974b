using Roomcast.Errors;
using Roomcast.WebApi.Infrastructure;

namespace Roomcast.WebApi.Contracts;

public sealed record RefreshRequest(string? RefreshToken) : IValidatableRequest
{
    public IEnumerable<FieldError> Validate(RequestValidationContext context) => FieldRules.Text("refresh_token", RefreshToken, 256, required: true);
}
