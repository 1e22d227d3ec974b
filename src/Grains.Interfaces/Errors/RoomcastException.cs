namespace Roomcast.Errors;

/// <summary>
/// A rule of the domain said no. Grains throw it, Orleans carries it to the caller, and the API
/// turns it into the error envelope with the status of <see cref="Kind"/>.
/// </summary>
[GenerateSerializer, Alias("Roomcast.RoomcastException")]
public sealed class RoomcastException : Exception
{
    public RoomcastException(ErrorKind kind, string code, string message, IReadOnlyList<FieldError>? details = null)
        : base(message)
    {
        Kind = kind;
        Code = code;
        Details = details ?? [];
    }

    [Id(0)] public ErrorKind Kind { get; }

    /// <summary>Stable machine-readable code, e.g. <c>illegal_transition</c>.</summary>
    [Id(1)] public string Code { get; }

    [Id(2)] public IReadOnlyList<FieldError> Details { get; }

    public static RoomcastException NotFound(string what) =>
        new(ErrorKind.NotFound, "not_found", $"{what} was not found.");

    public static RoomcastException Forbidden(string message) =>
        new(ErrorKind.Forbidden, "forbidden", message);

    public static RoomcastException Invalid(string field, string message) =>
        new(ErrorKind.Validation, "validation_failed", message, [new FieldError(field, message)]);

    public static RoomcastException Invalid(IReadOnlyList<FieldError> details) =>
        new(ErrorKind.Validation, "validation_failed", "The request is invalid.", details);

    public static RoomcastException Unavailable(string message) =>
        new(ErrorKind.Unavailable, "unavailable", message);

    /// <summary>A 429: the detail <c>retry_after</c> (whole seconds, at least 1) becomes the <c>Retry-After</c> header.</summary>
    public static RoomcastException RateLimited(string message, TimeSpan retryAfter) =>
        new(ErrorKind.RateLimited, "rate_limited", message,
            [new FieldError(RetryAfterField, Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds)).ToString(System.Globalization.CultureInfo.InvariantCulture))]);

    public const string RetryAfterField = "retry_after";

    public static RoomcastException StaleChangeSequence(long expected, long current) =>
        new(ErrorKind.Conflict, "stale_change_sequence",
            $"change_sequence {expected} is stale; the resource is at {current}. Re-read it and retry.");
}
