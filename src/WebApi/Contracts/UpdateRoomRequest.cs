using Roomcast.Errors;
using Roomcast.WebApi.Infrastructure;

namespace Roomcast.WebApi.Contracts;

/// <summary>A partial room change: absent fields stay; an empty <c>description</c> removes it.</summary>
public sealed record UpdateRoomRequest(string? Title, string? Description, [property: EnumValues<Visibility>] string? Visibility, long? ChangeSequence) : IValidatableRequest
{
    public IEnumerable<FieldError> Validate(RequestValidationContext context)
    {
        foreach (var error in FieldRules.Text("title", Title, CreateRoomRequest.MaxTitleLength, required: false)
                     .Concat(FieldRules.Text("description", Description, CreateRoomRequest.MaxDescriptionLength, required: false, multiline: true))
                     .Concat(FieldRules.OneOf<Visibility>("visibility", Visibility))
                     .Concat(FieldRules.ChangeSequence(ChangeSequence)))
        {
            yield return error;
        }

        if (Title is not null && FieldRules.IsBlank(Title))
        {
            yield return new FieldError("title", "must not be blank");
        }

        if (Title is null && Description is null && Visibility is null)
        {
            yield return new FieldError("body", "names no field to change (title, description, visibility)");
        }
    }
}
