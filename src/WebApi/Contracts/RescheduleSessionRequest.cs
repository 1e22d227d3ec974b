using Roomcast.Errors;
using Roomcast.WebApi.Infrastructure;

namespace Roomcast.WebApi.Contracts;

public sealed record RescheduleSessionRequest(DateTimeOffset? ScheduledAt, long? ChangeSequence) : IValidatableRequest
{
    public IEnumerable<FieldError> Validate(RequestValidationContext context)
    {
        foreach (var error in FieldRules.ChangeSequence(ChangeSequence))
        {
            yield return error;
        }

        if (ScheduledAt is null)
        {
            yield return new FieldError("scheduled_at", "is required");
        }
        else if (ScheduledAt < context.Clock.GetUtcNow())
        {
            yield return new FieldError("scheduled_at", "must be in the future");
        }
        else if (ScheduledAt > context.Clock.GetUtcNow() + CreateSessionRequest.MaxScheduleAhead)
        {
            yield return new FieldError("scheduled_at", "must be at most 5 years ahead");
        }
    }
}
