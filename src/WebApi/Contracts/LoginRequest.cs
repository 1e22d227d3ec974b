using Roomcast.Errors;
using Roomcast.WebApi.Infrastructure;

namespace Roomcast.WebApi.Contracts;

public sealed record LoginRequest(string? Email, string? Password) : IValidatableRequest
{
    public IEnumerable<FieldError> Validate(RequestValidationContext context) =>
        FieldRules.Text("email", Email, 320, required: true)
            .Concat(FieldRules.Text("password", Password, 256, required: true));
}
