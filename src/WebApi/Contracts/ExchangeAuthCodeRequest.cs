using Roomcast.Errors;
using Roomcast.WebApi.Infrastructure;

namespace Roomcast.WebApi.Contracts;

public sealed record ExchangeAuthCodeRequest(string? Code) : IValidatableRequest
{
    public IEnumerable<FieldError> Validate(RequestValidationContext context) => FieldRules.Text("code", Code, 256, required: true);
}
