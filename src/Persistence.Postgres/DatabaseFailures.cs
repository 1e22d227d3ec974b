using System.Net.Sockets;
using Npgsql;

namespace Roomcast.Persistence.Postgres;

/// <summary>
/// How Roomcast's PostgreSQL code tells a database failure from a bug of its own, which failures are worth trying
/// again at once, and how to prepare that retry. Shared by the grain storage and the stores beside it.
/// </summary>
internal static class DatabaseFailures
{
    private static readonly TimeSpan RetryDelay = TimeSpan.FromMilliseconds(200);

    /// <summary>The failures that mean "the database could not do it" rather than a bug of ours.</summary>
    public static bool IsDatabaseFailure(Exception e) => e is NpgsqlException or TimeoutException or SocketException or IOException;

    /// <summary>
    /// Worth trying again at once: the connection broke or the server was restarting. Not a timeout: it has already
    /// spent the connection string's Timeout or Command Timeout of the caller's time, and another would spend it again.
    /// </summary>
    public static bool IsTransient(Exception e) =>
        e is NpgsqlException { IsTransient: true } or SocketException or IOException && !TimedOut(e);

    /// <summary>
    /// Before trying again: when the connection itself broke (a restart of PostgreSQL kills every pooled connection,
    /// not just the one that noticed), the pool is emptied so that the retry opens a fresh one; a second retry waits
    /// a moment for a server that is still starting. A pool that is merely exhausted (a timeout) is left alone.
    /// </summary>
    public static async Task PrepareRetryAsync(NpgsqlDataSource dataSource, Exception failure, int retriesSoFar)
    {
        if (BrokeTheConnection(failure))
        {
            dataSource.Clear();
        }

        if (retriesSoFar > 0)
        {
            await Task.Delay(RetryDelay);
        }
    }

    /// <summary>
    /// Runs <paramref name="attempt"/> (told whether it is a retry), again after a transient database failure, at most
    /// <paramref name="maxRetries"/> times. <paramref name="retrying"/> hears each retry (failure, retry number); a
    /// failure that stays is thrown as what <paramref name="giveUp"/> makes of it (the caller logs and words it).
    /// </summary>
    public static async Task<TResult> WithRetriesAsync<TResult>(
        NpgsqlDataSource dataSource, int maxRetries, Func<bool, Task<TResult>> attempt,
        Action<Exception, int> retrying, Func<Exception, Exception> giveUp)
    {
        for (var retries = 0; ; retries++)
        {
            try
            {
                return await attempt(retries > 0);
            }
            catch (Exception e) when (IsDatabaseFailure(e))
            {
                if (retries < maxRetries && IsTransient(e))
                {
                    retrying(e, retries + 1);
                    await PrepareRetryAsync(dataSource, e, retries);
                    continue;
                }

                throw giveUp(e);
            }
        }
    }

    /// <summary>What a message may say of the cause, which itself stays in the log.</summary>
    public static string Describe(Exception cause) =>
        cause is PostgresException pg ? "SQLSTATE " + pg.SqlState : cause.GetType().Name;

    private static bool TimedOut(Exception? e) => e is not null && (e is TimeoutException || TimedOut(e.InnerException));

    private static bool BrokeTheConnection(Exception e) => e switch
    {
        PostgresException pg => pg.SqlState is ['0', '8', ..] or ['5', '7', 'P', ..],
        NpgsqlException { InnerException: IOException or SocketException } => true,
        _ => e is IOException or SocketException,
    };
}
