using Roomcast.Catalog;
using Roomcast.Errors;
using Roomcast.WebApi.Infrastructure;

namespace Roomcast.WebApi.Contracts;

/// <summary>Up to 100 session ids to read at once (seed 002's admin bulk get).</summary>
public sealed record SessionBatchRequest(IReadOnlyList<string>? Ids) : IValidatableRequest
{
    public IEnumerable<FieldError> Validate(RequestValidationContext context)
    {
        if (Ids is null || Ids.Count == 0)
        {
            yield return new FieldError("ids", "must list at least one session id");
            yield break;
        }

        if (Ids.Count > PageRequest.MaxLimit)
        {
            yield return new FieldError("ids", $"must list at most {PageRequest.MaxLimit} ids (got {Ids.Count})");
        }

        for (var i = 0; i < Ids.Count; i++)
        {
            if (!Guid.TryParse(Ids[i], out _))
            {
                yield return new FieldError($"ids[{i}]", "must be a UUID");
            }
        }
    }

    /// <summary>The ids, parsed and without duplicates; a method, because a property would be a field of the body and of its OpenAPI schema.</summary>
    public IReadOnlyList<Guid> ParseIds() => Ids!.Select(Guid.Parse).Distinct().ToList();
}
