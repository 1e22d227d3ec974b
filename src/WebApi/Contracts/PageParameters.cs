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
        var page = Parse(Limit, StartAfter, EndBefore, errors);
        return errors.Count > 0 ? throw RoomcastException.Invalid(errors) : page;
    }

    /// <summary>The paging rules every listing shares; problems are added to <paramref name="errors"/>.</summary>
    public static PageRequest Parse(string? limitText, string? startAfter, string? endBefore, List<FieldError> errors)
    {
        var limit = PageRequest.DefaultLimit;
        if (limitText is not null
            && (!int.TryParse(limitText, NumberStyles.None, CultureInfo.InvariantCulture, out limit) || limit < 1 || limit > PageRequest.MaxLimit))
        {
            errors.Add(new FieldError("limit", $"must be a whole number from 1 to {PageRequest.MaxLimit}"));
        }

        if (startAfter is not null && endBefore is not null)
        {
            errors.Add(new FieldError("end_before", "cannot be combined with start_after"));
        }

        return new PageRequest(limit, startAfter, endBefore);
    }
}
