using Roomcast.Errors;
using Roomcast.WebApi.Infrastructure;

namespace Roomcast.WebApi.Contracts;

public sealed record RescheduleSessionRequest(DateTimeOffset? ScheduledAt, long? ChangeSequence) : IValidatableRequest
{
    public IEnumerable<FieldError> Validate(TimeProvider clock)
    {
        foreach (var error in FieldRules.ChangeSequence(ChangeSequence))
        {
            yield return error;
        }

        if (ScheduledAt is null)
        {
            yield return new FieldError("scheduled_at", "is required");
        }
        else if (ScheduledAt < clock.GetUtcNow())
        {
            yield return new FieldError("scheduled_at", "must be in the future");
        }
        else if (ScheduledAt > clock.GetUtcNow() + CreateSessionRequest.MaxScheduleAhead)
        {
            yield return new FieldError("scheduled_at", "must be at most 5 years ahead");
        }
    }
}
