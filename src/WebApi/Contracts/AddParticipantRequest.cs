using Roomcast.Errors;
using Roomcast.WebApi.Infrastructure;

namespace Roomcast.WebApi.Contracts;

/// <summary>A user to make co-host or moderator of a session; a user of the session's library.</summary>
public sealed record AddParticipantRequest(Guid? UserId, long? ChangeSequence) : IValidatableRequest
{
    public IEnumerable<FieldError> Validate(RequestValidationContext context)
    {
        if (UserId is null || UserId == Guid.Empty)
        {
            yield return new FieldError("user_id", "is required");
        }

        foreach (var error in FieldRules.ChangeSequence(ChangeSequence))
        {
            yield return error;
        }
    }
}
