using Roomcast.Errors;
using Roomcast.WebApi.Infrastructure;

namespace Roomcast.WebApi.Contracts;

public sealed record CreateRoomRequest(string? Title, string? Description, [property: EnumValues<Visibility>] string? Visibility) : IValidatableRequest
{
    public const int MaxTitleLength = 200;
    public const int MaxDescriptionLength = 4000;

    public IEnumerable<FieldError> Validate(RequestValidationContext context) =>
        FieldRules.Text("title", Title, MaxTitleLength, required: true)
            .Concat(FieldRules.Text("description", Description, MaxDescriptionLength, required: false, multiline: true))
            .Concat(FieldRules.OneOf<Visibility>("visibility", Visibility));
}
