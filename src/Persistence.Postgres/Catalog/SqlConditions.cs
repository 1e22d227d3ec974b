using Npgsql;

namespace Roomcast.Persistence.Postgres.Catalog;

/// <summary>The WHERE clause of a catalog listing: conditions joined with AND, each with its parameters on the command.</summary>
public sealed class SqlConditions(NpgsqlCommand command)
{
    /// <summary>Tombstones are never listed.</summary>
    public List<string> Clauses { get; } = ["NOT deleted"];

    /// <summary><c>column = @column</c> when a value is given; nothing otherwise.</summary>
    public void Equal(string column, object? value)
    {
        if (value is not null)
        {
            Add($"{column} = @{column}", (column, value));
        }
    }

    /// <summary>A case-insensitive "contains" on a text column (escaped ILIKE).</summary>
    public void Contains(string column, string? text)
    {
        if (text is not null)
        {
            Add($"{column} ILIKE @title" + TitleSearch.EscapeClause, ("title", TitleSearch.ContainsPattern(text)));
        }
    }

    /// <summary>An inclusive range on a ticks column; either end may be open.</summary>
    public void TicksRange(string column, DateTimeOffset? from, DateTimeOffset? to)
    {
        if (from is { } f)
        {
            Add($"{column} >= @{column}_from", ($"{column}_from", f.UtcTicks));
        }

        if (to is { } t)
        {
            Add($"{column} <= @{column}_to", ($"{column}_to", t.UtcTicks));
        }
    }

    public void Add(string clause, params (string Name, object Value)[] parameters)
    {
        Clauses.Add(clause);
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value);
        }
    }
}
