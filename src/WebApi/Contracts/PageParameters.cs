using System.Globalization;
using Microsoft.AspNetCore.Mvc;
using Roomcast.Catalog;
using Roomcast.Errors;

namespace Roomcast.WebApi.Contracts;

/// <summary>
/// Query string of a listing without filters (libraries, API keys): <c>limit</c> (default 10, max 100) and one
/// of the cursors <c>start_after</c>/<c>end_before</c>, with the same rules as <see cref="ListParameters"/>.
/// </summary>
public sealed class PageParameters
{
    [FromQuery(Name = "limit")] public string? Limit { get; init; }
    [FromQuery(Name = "start_after")] public string? StartAfter { get; init; }
    [FromQuery(Name = "end_before")] public string? EndBefore { get; init; }

    /// <summary>The page asked for; every bad value is reported in one 400.</summary>
    public PageRequest ToPageRequest()
    {
        var errors = new List<FieldError>();
        var limit = PageRequest.DefaultLimit;
        if (Limit is not null && (!int.TryParse(Limit, NumberStyles.None, CultureInfo.InvariantCulture, out limit) || limit < 1 || limit > PageRequest.MaxLimit))
        {
            errors.Add(new FieldError("limit", $"must be a whole number from 1 to {PageRequest.MaxLimit}"));
        }

        if (StartAfter is not null && EndBefore is not null)
        {
            errors.Add(new FieldError("end_before", "cannot be combined with start_after"));
        }

        if (errors.Count > 0)
        {
            throw RoomcastException.Invalid(errors);
        }

        return new PageRequest(limit, StartAfter, EndBefore);
    }
}
