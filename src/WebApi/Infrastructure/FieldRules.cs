using System.Globalization;
using System.Text;
using Roomcast.Errors;

namespace Roomcast.WebApi.Infrastructure;

/// <summary>The checks request bodies share, each yielding a <see cref="FieldError"/> or nothing.</summary>
public static class FieldRules
{
    /// <summary>
    /// A string of at most <paramref name="maxLength"/> UTF-16 units without control characters (<paramref name="multiline"/>
    /// text may hold tab and line breaks). A required one must show something: blank means nothing but white space,
    /// invisible format characters (zero-width space, joiners, BOM) and combining marks with no base character.
    /// </summary>
    public static IEnumerable<FieldError> Text(string field, string? value, int maxLength, bool required, bool multiline = false)
    {
        if (value is null)
        {
            if (required)
            {
                yield return new FieldError(field, "is required");
            }

            yield break;
        }

        if (value.Length > maxLength)
        {
            yield return new FieldError(field, $"must be at most {maxLength} characters (got {value.Length})");
        }
        else if (FirstControl(value, multiline) is { } control)
        {
            yield return new FieldError(field, $"must not contain control characters (found U+{(int)control:X4})");
        }
        else if (required && IsBlank(value))
        {
            yield return new FieldError(field, "must not be blank");
        }
    }

    /// <summary>True when <paramref name="value"/> shows nothing: only white space, invisible format characters and lone combining marks.</summary>
    public static bool IsBlank(string value)
    {
        foreach (var rune in value.EnumerateRunes())
        {
            if (Rune.IsWhiteSpace(rune))
            {
                continue;
            }

            switch (Rune.GetUnicodeCategory(rune))
            {
                case UnicodeCategory.Format:
                case UnicodeCategory.NonSpacingMark:
                case UnicodeCategory.EnclosingMark:
                case UnicodeCategory.SpacingCombiningMark:
                case UnicodeCategory.Control:
                    continue;
                default:
                    return false;
            }
        }

        return true;
    }

    private static char? FirstControl(string value, bool multiline)
    {
        foreach (var c in value)
        {
            if (char.IsControl(c) && !(multiline && c is '\t' or '\n' or '\r'))
            {
                return c;
            }
        }

        return null;
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
