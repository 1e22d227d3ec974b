namespace Roomcast.Persistence.Postgres.Storage;

/// <summary>
/// The one statement that writes a batch of grain states: a WITH clause of named steps, each reading the ones
/// before it. The rows come in as parallel arrays (<c>@grain_id</c>, <c>@state_name</c>, <c>@payload</c>,
/// <c>@expected</c>, one entry per grain) and the statement returns (grain_id, state_name, version) of every write
/// it acknowledges; a write it does not return lost to another writer (a version conflict).
/// </summary>
internal static class WriteBatchStatement
{
    /// <summary>The step whose <c>grain_id</c> column names the states this statement wrote; projections read it.</summary>
    public const string WrittenCte = "written";

    private const string Input = """
        input AS (
            SELECT * FROM unnest(@grain_id, @state_name, @payload, @expected) AS i(grain_id, state_name, payload, expected))
        """;

    // A row is updated when its version is the one the writer read...
    private const string Updated = """
        updated AS (
            UPDATE grain_state AS g
               SET payload = i.payload, version = g.version + 1, modified_on = now()
              FROM input AS i
             WHERE g.service_id = @service_id AND g.grain_id = i.grain_id AND g.state_name = i.state_name
               AND g.version = i.expected
            RETURNING g.grain_id, g.state_name, g.version)
        """;

    // ...or inserted when the writer read none and there is none.
    private const string Inserted = """
        inserted AS (
            INSERT INTO grain_state (service_id, grain_id, state_name, payload, version)
            SELECT @service_id, i.grain_id, i.state_name, i.payload, 1 FROM input AS i WHERE i.expected IS NULL
            ON CONFLICT DO NOTHING
            RETURNING grain_id, state_name, version)
        """;

    private const string Written = $"""
        {WrittenCte} AS (
            SELECT grain_id, state_name, version FROM updated
            UNION ALL
            SELECT grain_id, state_name, version FROM inserted)
        """;

    // After a failed attempt whose outcome is unknown (the connection broke after the commit, before the answer),
    // the write may already be stored: the row then holds exactly this payload at the version this write would
    // have made. Such a row is acknowledged, not called a conflict. It reads the snapshot the statement started
    // from, so it never sees what "updated" or "inserted" do in this statement. (Another writer that stored the
    // same bytes from the same version would be acknowledged too; storage then holds what this writer meant. An
    // earlier attempt still running on the server when this one starts is not visible to it: this write is then
    // reported as a conflict, and the writer re-reads, which is safe.)
    private const string Recognised = """
        recognised AS (
            SELECT g.grain_id, g.state_name, g.version
              FROM grain_state AS g
              JOIN input AS i ON g.grain_id = i.grain_id AND g.state_name = i.state_name
             WHERE g.service_id = @service_id
               AND g.version = COALESCE(i.expected + 1, 1) AND g.payload = i.payload)
        """;

    private const string SelectWritten = $"SELECT grain_id, state_name, version FROM {WrittenCte}";

    private const string SelectWrittenOrRecognised = $"""
        {SelectWritten}
        UNION ALL
        SELECT grain_id, state_name, version FROM recognised
        """;

    /// <summary>
    /// The statement text. <paramref name="projections"/> are data-modifying steps (name and body) that read
    /// <see cref="WrittenCte"/>; they are written only for states this statement wrote, so a recognised earlier
    /// write does not write its projections again (they were committed with it).
    /// </summary>
    public static string Build(IEnumerable<(string Name, string Body)> projections, bool recogniseEarlierAttempt)
    {
        List<string> steps = [Input, Updated, Inserted, Written];
        if (recogniseEarlierAttempt)
        {
            steps.Add(Recognised);
        }

        steps.AddRange(projections.Select(p => $"{p.Name} AS (\n{p.Body})"));
        return "WITH " + string.Join(",\n", steps) + "\n" + (recogniseEarlierAttempt ? SelectWrittenOrRecognised : SelectWritten);
    }
}
