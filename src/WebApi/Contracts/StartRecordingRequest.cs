using Roomcast.Errors;
using Roomcast.WebApi.Infrastructure;

namespace Roomcast.WebApi.Contracts;

/// <summary>Starts recording; the body is optional and <c>title</c> defaults to the session's name and the start time.</summary>
public sealed record StartRecordingRequest(string? Title) : IValidatableRequest
{
    public IEnumerable<FieldError> Validate(RequestValidationContext context) =>
        FieldRules.Text("title", Title, UpdateRecordingRequest.MaxTitleLength, required: false)
            .Concat(Title is not null && FieldRules.IsBlank(Title) ? [new FieldError("title", "must not be blank")] : []);
}
