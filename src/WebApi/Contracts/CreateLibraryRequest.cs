using Roomcast.Errors;
using Roomcast.WebApi.Infrastructure;

namespace Roomcast.WebApi.Contracts;

public sealed record CreateLibraryRequest(string? Name) : IValidatableRequest
{
    public const int MaxNameLength = 100;

    public IEnumerable<FieldError> Validate(RequestValidationContext context) => FieldRules.Text("name", Name, MaxNameLength, required: true);
}
