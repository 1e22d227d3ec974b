using Roomcast.Errors;

namespace Roomcast.WebApi.Infrastructure;

/// <summary>The checks request bodies share, each yielding a <see cref="FieldError"/> or nothing.</summary>
public static class FieldRules
{
    public static IEnumerable<FieldError> Text(string field, string? value, int maxLength, bool required)
    {
        if (value is null)
        {
            if (required)
            {
                yield return new FieldError(field, "is required");
            }

            yield break;
        }

        if (required && string.IsNullOrWhiteSpace(value))
        {
            yield return new FieldError(field, "must not be blank");
        }
        else if (value.Length > maxLength)
        {
            yield return new FieldError(field, $"must be at most {maxLength} characters (got {value.Length})");
        }
    }

    public static IEnumerable<FieldError> OneOf<TEnum>(string field, string? value)
        where TEnum : struct, Enum
    {
        if (value is not null && !ApiEnum.TryParse<TEnum>(value, out _))
        {
            yield return new FieldError(field, $"must be one of: {string.Join(", ", ApiEnum.Names<TEnum>())}");
        }
    }

    public static IEnumerable<FieldError> Range(string field, int? value, int min, int max)
    {
        if (value is { } v && (v < min || v > max))
        {
            yield return new FieldError(field, $"must be between {min} and {max}");
        }
    }

    public static IEnumerable<FieldError> ChangeSequence(long? value)
    {
        if (value is < 1)
        {
            yield return new FieldError("change_sequence", "must be a positive number");
        }
    }
}
