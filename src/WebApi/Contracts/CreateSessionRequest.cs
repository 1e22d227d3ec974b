using Roomcast.Errors;
using Roomcast.Sessions;
using Roomcast.WebApi.Infrastructure;

namespace Roomcast.WebApi.Contracts;

public sealed record CreateSessionRequest(
    string? Name,
    string? Description,
    [property: EnumValues<SessionType>] string? Type,
    [property: EnumValues<Visibility>] string? Visibility,
    DateTimeOffset? ScheduledAt,
    SessionSettingsRequest? Settings,
    int? MaxDurationSeconds,
    bool? RemoveMedia,
    string? Product,
    Guid? PresetId = null) : IValidatableRequest
{
    public const int MaxNameLength = 256;
    public const int MaxDescriptionLength = 4000;

    /// <summary>A little slack for clock skew between a client and the API.</summary>
    public static readonly TimeSpan PastTolerance = TimeSpan.FromMinutes(1);

    /// <summary>How far ahead a session may be scheduled; beyond it, the expiry (<c>scheduled_at</c> + grace) could not even be computed.</summary>
    public static readonly TimeSpan MaxScheduleAhead = TimeSpan.FromDays(5 * 365);

    public IEnumerable<FieldError> Validate(RequestValidationContext context)
    {
        foreach (var error in FieldRules.Text("name", Name, MaxNameLength, required: true)
                     .Concat(FieldRules.Text("description", Description, MaxDescriptionLength, required: false, multiline: true))
                     .Concat(FieldRules.Text("product", Product, 64, required: false))
                     .Concat(FieldRules.OneOf<SessionType>("type", Type))
                     .Concat(FieldRules.OneOf<Visibility>("visibility", Visibility))
                     .Concat(FieldRules.Range("settings.max_stage_participants", Settings?.MaxStageParticipants, 1, SessionSettings.StageLimit))
                     .Concat(FieldRules.Range("settings.max_viewers", Settings?.MaxViewers, 0, SessionSettings.ViewerLimit)))
        {
            yield return error;
        }

        // The one rule for a session's own maximum: 1 s up to Sessions:MaxDuration, the bound the silos read from the same configuration.
        var maxDuration = (int)context.Sessions.MaxDuration.TotalSeconds;
        if (MaxDurationSeconds is < 1 || MaxDurationSeconds > maxDuration)
        {
            yield return new FieldError("max_duration_seconds", $"must be between 1 and {maxDuration} seconds");
        }

        if (ScheduledAt is null)
        {
            yield return new FieldError("scheduled_at", "is required (ISO 8601 with offset, e.g. 2026-12-01T18:00:00Z)");
        }
        else if (ScheduledAt < context.Clock.GetUtcNow() - PastTolerance)
        {
            yield return new FieldError("scheduled_at", "must not be in the past");
        }
        else if (ScheduledAt > context.Clock.GetUtcNow() + MaxScheduleAhead)
        {
            yield return new FieldError("scheduled_at", "must be at most 5 years ahead");
        }

        if (Settings?.ChangeSequence is not null)
        {
            yield return new FieldError("settings.change_sequence", "is not allowed when creating a session");
        }
    }

    /// <summary>The type once validated (or the default); a method, because a property would be a field of the body and of its OpenAPI schema.</summary>
    public SessionType ParseType() => ApiEnum.ParseOrNull<SessionType>(Type) ?? SessionType.Broadcast;
}
