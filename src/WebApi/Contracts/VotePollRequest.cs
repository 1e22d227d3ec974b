using Roomcast.Errors;
using Roomcast.WebApi.Infrastructure;

namespace Roomcast.WebApi.Contracts;

/// <summary>A vote: the ids of the chosen answers, exactly one in a single-choice poll, one or more distinct ones in a multiple-choice poll.</summary>
public sealed record VotePollRequest(IReadOnlyList<string?>? OptionIds) : IValidatableRequest
{
    public const int MaxOptionIdLength = 20;

    public IEnumerable<FieldError> Validate(RequestValidationContext context)
    {
        if (OptionIds is null || OptionIds.Count == 0)
        {
            yield return new FieldError("option_ids", "must name at least one option");
        }
        else if (OptionIds.Count > CreatePollRequest.MaxOptions)
        {
            yield return new FieldError("option_ids", $"must name at most {CreatePollRequest.MaxOptions} options");
        }
        else if (OptionIds.Any(id => string.IsNullOrWhiteSpace(id) || id.Length > MaxOptionIdLength))
        {
            yield return new FieldError("option_ids", "must hold option ids of the poll, such as \"o1\"");
        }
        else if (OptionIds.Distinct(StringComparer.Ordinal).Count() != OptionIds.Count)
        {
            yield return new FieldError("option_ids", "must not name an option twice");
        }
    }

    public IReadOnlyList<string> ToOptionIds() => OptionIds!.Select(id => id!).ToList();
}
