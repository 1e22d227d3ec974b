using Npgsql;

namespace Roomcast.Persistence.Postgres.Catalog;

/// <summary>
/// A catalog table that PostgreSQL grain storage writes in the same statement, hence the same commit, as the
/// grain states it is derived from: a listing row can be neither ahead of nor behind its grain.
/// </summary>
public interface IGrainStateProjection
{
    /// <summary>The row derived from a grain state, or null when this projection derives none from it.</summary>
    object? RowOf(object state);

    /// <summary>
    /// A data-modifying statement, placed in the storage's WITH clause, that writes the rows of those grains whose
    /// id appears in the <c>grain_id</c> column of the named CTE (the states that were written). Its parameter
    /// names must not clash with the storage's: service_id, grain_id, state_name, payload, expected.
    /// </summary>
    string Sql(string writtenCte);

    /// <summary>Binds the rows, each with the grain id whose state it is derived from.</summary>
    void AddParameters(NpgsqlParameterCollection parameters, IReadOnlyList<(string GrainId, object Row)> rows);
}
