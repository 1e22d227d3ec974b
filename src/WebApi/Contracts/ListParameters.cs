using System.Globalization;
using Microsoft.AspNetCore.Mvc;
using Roomcast.Catalog;
using Roomcast.Errors;
using Roomcast.Sessions;
using Roomcast.WebApi.Infrastructure;

namespace Roomcast.WebApi.Contracts;

/// <summary>
/// Query string of every listing: keyset paging (seed 002's <c>start_after</c>/<c>end_before</c>, <c>limit</c>
/// default 10, max 100) and the session filters. Bound as text so that every bad value gets a 400 naming it.
/// </summary>
public sealed class ListParameters
{
    /// <summary>How many values a comma-separated filter (<c>state</c>) may list; repeating the parameter counts too.</summary>
    public const int MaxFilterValues = 10;

    [FromQuery(Name = "limit")] public string? Limit { get; init; }
    [FromQuery(Name = "start_after")] public string? StartAfter { get; init; }
    [FromQuery(Name = "end_before")] public string? EndBefore { get; init; }
    [FromQuery(Name = "state")] public string? State { get; init; }
    [FromQuery(Name = "type")] public string? Type { get; init; }
    [FromQuery(Name = "title")] public string? Title { get; init; }
    [FromQuery(Name = "host_id")] public string? HostId { get; init; }
    [FromQuery(Name = "created_from")] public string? CreatedFrom { get; init; }
    [FromQuery(Name = "created_to")] public string? CreatedTo { get; init; }
    [FromQuery(Name = "scheduled_from")] public string? ScheduledFrom { get; init; }
    [FromQuery(Name = "scheduled_to")] public string? ScheduledTo { get; init; }

    /// <summary>Room listings take paging and <c>title</c>; every bad value is reported in one 400.</summary>
    public (RoomQuery Query, PageRequest Page) ToRoomQuery()
    {
        var errors = new List<FieldError>();
        var page = ParsePage(errors);
        var query = new RoomQuery { TitleContains = ParseTitle(errors) };
        ThrowIfAny(errors);
        return (query, page);
    }

    public (SessionQuery Query, PageRequest Page) ToSessionQuery()
    {
        var errors = new List<FieldError>();
        var page = ParsePage(errors);
        var query = new SessionQuery
        {
            States = State is null ? null : ParseStates(errors),
            Type = ParseEnum<SessionType>("type", Type, errors),
            TitleContains = ParseTitle(errors),
            HostId = ParseGuid("host_id", HostId, errors),
            CreatedFrom = ParseTime("created_from", CreatedFrom, errors),
            CreatedTo = ParseTime("created_to", CreatedTo, errors),
            ScheduledFrom = ParseTime("scheduled_from", ScheduledFrom, errors),
            ScheduledTo = ParseTime("scheduled_to", ScheduledTo, errors),
        };
        ThrowIfAny(errors);
        return (query, page);
    }

    private PageRequest ParsePage(List<FieldError> errors) => PageParameters.Parse(Limit, StartAfter, EndBefore, errors);

    private HashSet<SessionState> ParseStates(List<FieldError> errors)
    {
        var states = new HashSet<SessionState>();
        var parts = State!.Split(',', MaxFilterValues + 1, StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        if (parts.Length > MaxFilterValues)
        {
            errors.Add(new FieldError("state", $"lists at most {MaxFilterValues} values, e.g. state=scheduled,live"));
            return states;
        }

        var unknown = new HashSet<string>(StringComparer.Ordinal);
        foreach (var part in parts)
        {
            if (ApiEnum.TryParse<SessionState>(part, out var state))
            {
                states.Add(state);
            }
            else if (unknown.Add(part))
            {
                var shown = part.Length <= 32 ? part : part[..32] + "…";
                errors.Add(new FieldError("state", $"'{shown}' is not one of: {string.Join(", ", ApiEnum.Names<SessionState>())}"));
            }
        }

        return states;
    }

    private string? ParseTitle(List<FieldError> errors)
    {
        // Control characters too: the filter reaches the catalog's SQL in cluster mode, and PostgreSQL text cannot hold NUL.
        errors.AddRange(FieldRules.Text("title", Title, CreateSessionRequest.MaxNameLength, required: false));

        return string.IsNullOrWhiteSpace(Title) ? null : Title.Trim();
    }

    private static TEnum? ParseEnum<TEnum>(string field, string? text, List<FieldError> errors)
        where TEnum : struct, Enum
    {
        errors.AddRange(FieldRules.OneOf<TEnum>(field, text));
        return ApiEnum.ParseOrNull<TEnum>(text);
    }

    private static Guid? ParseGuid(string field, string? text, List<FieldError> errors)
    {
        if (text is null)
        {
            return null;
        }

        if (Guid.TryParse(text, out var id))
        {
            return id;
        }

        errors.Add(new FieldError(field, "must be a UUID"));
        return null;
    }

    private static DateTimeOffset? ParseTime(string field, string? text, List<FieldError> errors)
    {
        if (text is null)
        {
            return null;
        }

        if (DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var time))
        {
            return time;
        }

        errors.Add(new FieldError(field, "must be an ISO 8601 date or time, e.g. 2026-12-01 or 2026-12-01T18:00:00Z"));
        return null;
    }

    private static void ThrowIfAny(List<FieldError> errors)
    {
        if (errors.Count > 0)
        {
            throw RoomcastException.Invalid(errors);
        }
    }
}
