using Roomcast.Errors;
using Roomcast.WebApi.Infrastructure;

namespace Roomcast.WebApi.Contracts;

/// <summary>A request to join the stage, with an optional note for the host.</summary>
public sealed record CreateStageRequestRequest(string? Message) : IValidatableRequest
{
    public const int MaxMessageLength = 500;

    public IEnumerable<FieldError> Validate(RequestValidationContext context) =>
        FieldRules.Text("message", Message, MaxMessageLength, required: false, multiline: true);
}
