using System.Collections.Frozen;
using System.Text.Json;

namespace Roomcast.WebApi.Infrastructure;

/// <summary>Enums as the API spells them: snake_case, lower case (<c>HostDeparted</c> is <c>host_departed</c>).</summary>
public static class ApiEnum
{
    public static string Name<TEnum>(TEnum value)
        where TEnum : struct, Enum => NamesOf<TEnum>.ByValue.TryGetValue(value, out var name) ? name : Convert(value);

    public static IEnumerable<string> Names<TEnum>()
        where TEnum : struct, Enum => Enum.GetValues<TEnum>().Select(Name);

    public static bool TryParse<TEnum>(string text, out TEnum value)
        where TEnum : struct, Enum
    {
        foreach (var candidate in Enum.GetValues<TEnum>())
        {
            if (string.Equals(Name(candidate), text, StringComparison.Ordinal))
            {
                value = candidate;
                return true;
            }
        }

        value = default;
        return false;
    }

    private static string Convert<TEnum>(TEnum value)
        where TEnum : struct, Enum => JsonNamingPolicy.SnakeCaseLower.ConvertName(value.ToString());

    // Every response names several enums; converting the spelling each time showed up on the hot read path.
    private static class NamesOf<TEnum>
        where TEnum : struct, Enum
    {
        public static readonly FrozenDictionary<TEnum, string> ByValue =
            Enum.GetValues<TEnum>().ToFrozenDictionary(v => v, Convert);
    }

    /// <summary>Parses a value that validation already accepted; null stays null.</summary>
    public static TEnum? ParseOrNull<TEnum>(string? text)
        where TEnum : struct, Enum => text is not null && TryParse<TEnum>(text, out var value) ? value : null;
}
