using System.Text.Json.Serialization;
using Roomcast.Errors;

namespace Roomcast.WebApi.Infrastructure;

/// <summary>What went wrong: a stable code, a sentence for people, and the fields at fault (at most <see cref="MaxDetails"/>).</summary>
public sealed record ApiError(
    string Code,
    string Message,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] IReadOnlyList<FieldError>? Details = null)
{
    /// <summary>How many field errors one answer lists; a body with more problems is told so in the message.</summary>
    public const int MaxDetails = 20;
}
