using Microsoft.Extensions.Logging;
using Npgsql;
using Roomcast.Errors;
using Roomcast.Polls;

namespace Roomcast.Persistence.Postgres.Polls;

/// <summary>
/// The cluster-mode vote log: one row per voter per poll in <c>roomcast_poll_votes</c>. Recording is one
/// insert-if-absent, safe to repeat (a repeat after a lost answer inserts nothing and reports "not recorded", which
/// the poll grain answers with already_voted, the truth), so transient failures are tried again like the
/// attendance log's; what still fails is logged here with its cause and leaves as a <see cref="StorageUnavailableException"/>.
/// </summary>
public sealed partial class PostgresPollVoteLog(NpgsqlDataSource dataSource, ILogger<PostgresPollVoteLog> logger) : IPollVoteLog
{
    /// <summary>How often a statement is tried again after a transient failure.</summary>
    public const int MaxRetries = 2;

    private const string RecordSql = """
        INSERT INTO roomcast_poll_votes (poll_id, user_id, option_ids, voted_at)
        VALUES (@poll_id, @user_id, @option_ids, @voted_at)
        ON CONFLICT (poll_id, user_id) DO NOTHING
        """;

    // The voters' row (option NULL) and one row per option chosen at least once, in one pass of the poll's rows.
    private const string CountSql = """
        SELECT NULL::text, count(*) FROM roomcast_poll_votes WHERE poll_id = @poll_id
        UNION ALL
        SELECT o.option_id, count(*)
          FROM roomcast_poll_votes AS v, unnest(v.option_ids) AS o(option_id)
         WHERE v.poll_id = @poll_id
         GROUP BY o.option_id
        """;

    private readonly NpgsqlDataSource _dataSource = dataSource;
    private readonly ILogger<PostgresPollVoteLog> _logger = logger;

    public Task<bool> RecordAsync(Guid pollId, Guid userId, IReadOnlyList<string> optionIds, DateTimeOffset at) =>
        WithRetriesAsync("record a vote in", pollId, async () =>
        {
            await using var command = _dataSource.CreateCommand(RecordSql);
            var p = command.Parameters;
            p.AddWithValue("poll_id", pollId);
            p.AddWithValue("user_id", userId);
            p.AddWithValue("option_ids", optionIds.ToArray());
            p.AddWithValue("voted_at", at.ToUniversalTime());
            return await command.ExecuteNonQueryAsync() == 1;
        });

    public Task<PollTally> CountAsync(Guid pollId) =>
        WithRetriesAsync("count the votes of", pollId, async () =>
        {
            await using var command = _dataSource.CreateCommand(CountSql);
            command.Parameters.AddWithValue("poll_id", pollId);
            await using var reader = await command.ExecuteReaderAsync();
            var voters = 0;
            var counts = new List<PollOptionCount>();
            while (await reader.ReadAsync())
            {
                var votes = checked((int)reader.GetInt64(1));
                if (reader.IsDBNull(0))
                {
                    voters = votes;
                }
                else
                {
                    counts.Add(new PollOptionCount(reader.GetString(0), votes));
                }
            }

            return new PollTally(counts.OrderBy(c => c.OptionId, StringComparer.Ordinal).ToList(), voters);
        });

    private Task<TResult> WithRetriesAsync<TResult>(string operation, Guid pollId, Func<Task<TResult>> attempt) =>
        DatabaseFailures.WithRetriesAsync(_dataSource, MaxRetries, _ => attempt(),
            (e, retry) => LogRetrying(e, operation, pollId, retry),
            e =>
            {
                LogFailed(e, operation, pollId);
                return new StorageUnavailableException(
                    $"The poll vote log could not {operation} poll {pollId} ({DatabaseFailures.Describe(e)}). Try again later; a vote is never counted twice.");
            });

    [LoggerMessage(Level = LogLevel.Warning, Message = "Poll vote log: {Operation} poll {PollId} failed transiently; retry {Retry}")]
    private partial void LogRetrying(Exception exception, string operation, Guid pollId, int retry);

    [LoggerMessage(Level = LogLevel.Error, Message = "Poll vote log: {Operation} poll {PollId} failed")]
    private partial void LogFailed(Exception exception, string operation, Guid pollId);
}
