using Roomcast.Errors;
using Roomcast.WebApi.Infrastructure;

namespace Roomcast.WebApi.Contracts;

/// <summary>Who to ban from a session, why, and for how long (absent: until unbanned).</summary>
public sealed record BanParticipantRequest(Guid? UserId, string? Reason, int? DurationSeconds) : IValidatableRequest
{
    public const int MaxReasonLength = 500;

    /// <summary>A year: a ban meant to last longer is a ban without end.</summary>
    public const int MaxDurationSeconds = 365 * 24 * 3600;

    public IEnumerable<FieldError> Validate(RequestValidationContext context)
    {
        if (UserId is null || UserId == Guid.Empty)
        {
            yield return new FieldError("user_id", "is required");
        }

        foreach (var error in FieldRules.Text("reason", Reason, MaxReasonLength, required: false, multiline: true)
                     .Concat(FieldRules.Range("duration_seconds", DurationSeconds, 1, MaxDurationSeconds)))
        {
            yield return error;
        }
    }
}
