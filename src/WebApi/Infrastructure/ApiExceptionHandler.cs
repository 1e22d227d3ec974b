using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Diagnostics;
using Roomcast.Errors;

namespace Roomcast.WebApi.Infrastructure;

/// <summary>
/// Turns known failures into the error envelope: domain rules into their status, unreadable requests
/// into a 400 that says what could not be read, a dependency that is down or timed out (PostgreSQL, a silo, the
/// gateway) into a 503 with <c>Retry-After</c>. Anything else is a bug: logged and answered with a bare 500.
/// </summary>
public sealed partial class ApiExceptionHandler(Envelope envelope, ILogger<ApiExceptionHandler> logger) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext context, Exception exception, CancellationToken cancellationToken)
    {
        if (DependencyFailure.Find(exception) is { } unavailable)
        {
            // One line per failure: during an outage every request fails the same way, and stack traces would bury the log.
            LogUnavailable(context.Request.Method, context.Request.Path, unavailable.GetType().Name, unavailable.Message);
            context.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
            context.Response.Headers.RetryAfter = DependencyFailure.RetryAfterSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
            // Our own refusals name what is down (livekit_unavailable); the rest are the generic unavailable.
            var refusal = unavailable is RoomcastException own
                ? envelope.Error(own.Code, own.Message)
                : envelope.Error("unavailable", "A service this request depends on is unavailable or did not answer in time; retry shortly.");
            await context.Response.WriteAsJsonAsync(refusal, cancellationToken);
            return true;
        }

        var (status, error) = exception switch
        {
            RoomcastException e => (StatusOf(e.Kind), envelope.Error(e.Code, e.Message, e.Details)),
            BadHttpRequestException e => (StatusCodes.Status400BadRequest, Unreadable(e)),
            _ => (StatusCodes.Status500InternalServerError,
                envelope.Error("internal_error", "An unexpected error occurred; it has been logged.")),
        };

        if (status == StatusCodes.Status500InternalServerError)
        {
            LogUnhandled(exception, context.Request.Method, context.Request.Path);
        }

        context.Response.StatusCode = status;
        if (exception is RoomcastException { Kind: ErrorKind.RateLimited } limited
            && limited.Details.FirstOrDefault(d => d.Field == RoomcastException.RetryAfterField) is { } retryAfter)
        {
            context.Response.Headers.RetryAfter = retryAfter.Message;
        }

        await context.Response.WriteAsJsonAsync(error, cancellationToken);
        return true;
    }

    public static int StatusOf(ErrorKind kind) => kind switch
    {
        ErrorKind.Validation => StatusCodes.Status400BadRequest,
        ErrorKind.Unauthorized => StatusCodes.Status401Unauthorized,
        ErrorKind.Forbidden => StatusCodes.Status403Forbidden,
        ErrorKind.NotFound => StatusCodes.Status404NotFound,
        ErrorKind.Conflict => StatusCodes.Status409Conflict,
        ErrorKind.Unavailable => StatusCodes.Status503ServiceUnavailable,
        ErrorKind.RateLimited => StatusCodes.Status429TooManyRequests,
        _ => StatusCodes.Status500InternalServerError,
    };

    private ApiErrorResponse Unreadable(BadHttpRequestException exception)
    {
        if (exception.InnerException is JsonException json)
        {
            var field = JsonField(json.Path);
            var message = json.Message.Contains("could not be mapped", StringComparison.Ordinal)
                ? "is not a known field"
                : "has a value of the wrong type or is malformed";
            return field is null
                ? envelope.Error("malformed_json", "The request body is not valid JSON, or not the JSON object this route expects.")
                : envelope.Error("validation_failed", $"{field} {message}.", [new FieldError(field, message)]);
        }

        // Route values that do not bind, e.g. a malformed id: "Failed to bind parameter "Guid roomId" from "abc"."
        if (UnboundParameter().Match(exception.Message) is { Success: true } match)
        {
            var field = JsonNamingPolicy.SnakeCaseLower.ConvertName(match.Groups["name"].Value);
            var message = match.Groups["type"].Value == "Guid" ? "must be a UUID" : $"must be a {match.Groups["type"].Value}";
            return envelope.Error("validation_failed", $"{field} {message}.", [new FieldError(field, message)]);
        }

        // A missing body: the framework's message ("Implicit body inferred for parameter ... Did you mean to use a Service
        // instead?") speaks to the API's developers, not to its clients.
        if (MissingBody().IsMatch(exception.Message))
        {
            return envelope.Error("validation_failed", "The request body is required.", [new FieldError("body", "is required")]);
        }

        // Other unreadable requests.
        return envelope.Error("validation_failed", exception.Message);
    }

    [GeneratedRegex("""^Failed to bind parameter "(?<type>\w+)\?? (?<name>\w+)" from""")]
    private static partial Regex UnboundParameter();

    [GeneratedRegex("""^(Implicit body inferred for parameter "\w+" but no body was provided|Required parameter "[^"]+" was not provided from body)""")]
    private static partial Regex MissingBody();

    /// <summary>"$.settings.chat_enabled" becomes "settings.chat_enabled"; the root or no path means the body as a whole.</summary>
    private static string? JsonField(string? path) =>
        string.IsNullOrEmpty(path) || path == "$" ? null : path.StartsWith("$.", StringComparison.Ordinal) ? path[2..] : path;

    [LoggerMessage(Level = LogLevel.Warning, Message = "Dependency unavailable on {Method} {Path}, answered 503: {ExceptionType}: {Reason}")]
    private partial void LogUnavailable(string method, string path, string exceptionType, string reason);

    [LoggerMessage(Level = LogLevel.Error, Message = "Unhandled exception on {Method} {Path}")]
    private partial void LogUnhandled(Exception exception, string method, string path);
}
