using Roomcast.Errors;
using Roomcast.Recordings;
using Roomcast.WebApi.Infrastructure;

namespace Roomcast.WebApi.Contracts;

/// <summary>A change of a recording's title and/or description; <c>description: ""</c> removes it.</summary>
public sealed record UpdateRecordingRequest(string? Title, string? Description, long? ChangeSequence) : IValidatableRequest
{
    public const int MaxTitleLength = 200;
    public const int MaxDescriptionLength = 5000;

    public IEnumerable<FieldError> Validate(RequestValidationContext context)
    {
        foreach (var error in FieldRules.Text("title", Title, MaxTitleLength, required: false)
                     .Concat(FieldRules.Text("description", Description, MaxDescriptionLength, required: false, multiline: true))
                     .Concat(FieldRules.ChangeSequence(ChangeSequence)))
        {
            yield return error;
        }

        if (Title is not null && FieldRules.IsBlank(Title))
        {
            yield return new FieldError("title", "must not be blank");
        }

        if (Title is null && Description is null)
        {
            yield return new FieldError("body", "names no field to change");
        }
    }

    public RecordingPatch ToPatch() => new(
        Title?.Trim(),
        string.IsNullOrWhiteSpace(Description) ? null : Description.Trim(),
        ClearDescription: Description is not null && string.IsNullOrWhiteSpace(Description));
}
