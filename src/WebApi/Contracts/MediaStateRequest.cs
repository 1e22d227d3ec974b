using Roomcast.Errors;
using Roomcast.WebApi.Infrastructure;

namespace Roomcast.WebApi.Contracts;

/// <summary>The host's camera or microphone turned on or off.</summary>
public sealed record MediaStateRequest(bool? Enabled, string? Device, string? Name) : IValidatableRequest
{
    public IEnumerable<FieldError> Validate(RequestValidationContext context)
    {
        foreach (var error in FieldRules.Text("device", Device, 100, required: false)
                     .Concat(FieldRules.Text("name", Name, 100, required: false)))
        {
            yield return error;
        }

        if (Enabled is null)
        {
            yield return new FieldError("enabled", "is required");
        }
    }
}
