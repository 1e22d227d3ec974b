using Npgsql;
using Orleans.Runtime;
using Orleans.Runtime.Messaging;
using Orleans.Storage;
using Roomcast.Errors;

namespace Roomcast.WebApi.Infrastructure;

/// <summary>
/// Recognises a failure of something the request depends on (PostgreSQL, a silo, the gateway, a call that timed
/// out) as opposed to a bug of ours. The first is a 503 the caller may retry; only the second is a 500.
/// </summary>
public static class DependencyFailure
{
    /// <summary>Seconds a client is asked to wait before retrying: about one membership probe plus a gateway refresh.</summary>
    public const int RetryAfterSeconds = 5;

    /// <summary>
    /// The dependency failure in <paramref name="exception"/> or in what it wraps (Orleans and the host wrap calls in
    /// <see cref="AggregateException"/> or <see cref="OrleansException"/>), or null when none is found.
    /// </summary>
    public static Exception? Find(Exception exception)
    {
        var pending = new Stack<Exception>();
        pending.Push(exception);
        for (var seen = 0; pending.Count > 0 && seen < 32; seen++)
        {
            var current = pending.Pop();
            if (IsDependencyFailure(current))
            {
                return current;
            }

            if (current is AggregateException aggregate)
            {
                foreach (var inner in aggregate.InnerExceptions)
                {
                    pending.Push(inner);
                }
            }
            else if (current.InnerException is { } inner)
            {
                pending.Push(inner);
            }
        }

        return null;
    }

    private static bool IsDependencyFailure(Exception exception) => exception switch
    {
        RoomcastException e => e.Kind == ErrorKind.Unavailable,
        StorageUnavailableException or InconsistentStateException => true,
        SiloUnavailableException or GatewayTooBusyException or OrleansMessageRejectionException or ConnectionFailedException => true,
        // Orleans reports a grain call that got no answer in time (ResponseTimeout) as a TimeoutException; Npgsql
        // reports a command or pool wait that ran out of time the same way.
        TimeoutException => true,
        // A PostgreSQL error is ours (bad SQL, a violated constraint) unless the server says it is passing: it is
        // shutting down, out of connections or resources, or lost the connection.
        PostgresException e => e.IsTransient,
        // Npgsql's own failures (connection refused, broken stream, pool exhausted) are the database being unreachable.
        NpgsqlException => true,
        _ => false,
    };
}
