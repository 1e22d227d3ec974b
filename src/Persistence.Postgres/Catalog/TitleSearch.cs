namespace Roomcast.Persistence.Postgres.Catalog;

/// <summary>Turns a "contains" search into an ILIKE pattern that matches the text literally.</summary>
internal static class TitleSearch
{
    public const string EscapeClause = " ESCAPE '\\'";

    public static string ContainsPattern(string text) =>
        "%" + text.Replace("\\", "\\\\", StringComparison.Ordinal)
            .Replace("%", "\\%", StringComparison.Ordinal)
            .Replace("_", "\\_", StringComparison.Ordinal) + "%";
}
