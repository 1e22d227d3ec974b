using System.Text.Json.Serialization;
using Roomcast.Errors;

namespace Roomcast.WebApi.Infrastructure;

/// <summary>What went wrong: a stable code, a sentence for people, and the fields at fault.</summary>
public sealed record ApiError(
    string Code,
    string Message,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] IReadOnlyList<FieldError>? Details = null);
