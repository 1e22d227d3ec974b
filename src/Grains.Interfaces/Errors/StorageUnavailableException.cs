namespace Roomcast.Errors;

/// <summary>
/// Grain storage could not be read or written (database down, timed out, connection lost). It derives from
/// <see cref="OrleansException"/> so that Orleans' storage bridge passes it through unwrapped, and it carries only
/// a message: the driver's own exception (not serializable by Orleans) is logged where it happened and stays there.
/// The API answers it with 503 and <c>Retry-After</c>.
/// </summary>
[GenerateSerializer, Alias("Roomcast.StorageUnavailableException")]
public sealed class StorageUnavailableException : OrleansException
{
    public StorageUnavailableException(string message)
        : base(message)
    {
    }
}
