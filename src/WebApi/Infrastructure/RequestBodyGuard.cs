using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.Net.Http.Headers;
using Roomcast.Errors;

namespace Roomcast.WebApi.Infrastructure;

/// <summary>
/// Checks a request body before anything reads it: at most the route's <see cref="RequestBodyLimit"/> (413
/// <c>payload_too_large</c>, naming the limit), and JSON only in UTF-8 (415 <c>unsupported_media_type</c>: the framework's
/// JSON reader fails on an unknown <c>charset</c> with an exception that would be a 500). Runs after authorization, so a
/// caller who may not use a route learns nothing more than 401/403.
/// </summary>
public sealed class RequestBodyGuard(RequestDelegate next, Envelope envelope)
{
    public async Task InvokeAsync(HttpContext context)
    {
        var request = context.Request;
        if (request.ContentLength is null or 0 && !HasBody(context))
        {
            // A GET and the like: nothing to check, and the hot read should not pay for it.
            await next(context);
            return;
        }

        var limit = context.GetEndpoint()?.Metadata.GetMetadata<IRequestSizeLimitMetadata>()?.MaxRequestBodySize ?? RequestBodyLimit.Default;
        if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } hostLimit)
        {
            hostLimit.MaxRequestBodySize = limit;
        }

        if (request.ContentLength is { } length)
        {
            if (length > limit)
            {
                await TooLargeAsync(context, limit);
                return;
            }
        }
        else if (HasBody(context) && !await BufferAsync(context, limit))
        {
            await TooLargeAsync(context, limit);
            return;
        }

        if (request.ContentLength is > 0 && UnsupportedCharset(request) is { } charset)
        {
            await WriteAsync(context, StatusCodes.Status415UnsupportedMediaType, envelope.Error("unsupported_media_type",
                $"Request bodies are JSON in UTF-8; charset '{Shorten(charset)}' is not supported. Send Content-Type: application/json; charset=utf-8.",
                [new FieldError("Content-Type", "must be application/json, with charset utf-8 or none")]));
            return;
        }

        await next(context);
    }

    /// <summary>
    /// The charset of the body when it is not UTF-8 (other media types are the framework's 415). A UTF-8 charset spelled
    /// in a way the framework's reader does not know (quoted, <c>utf8</c>) is rewritten to <c>charset=utf-8</c>.
    /// </summary>
    private static string? UnsupportedCharset(HttpRequest request)
    {
        if (!MediaTypeHeaderValue.TryParse(request.ContentType, out var mediaType) || mediaType.Charset.Length == 0)
        {
            return null;
        }

        var charset = mediaType.Charset.ToString().Trim('"');
        if (!charset.Equals("utf-8", StringComparison.OrdinalIgnoreCase) && !charset.Equals("utf8", StringComparison.OrdinalIgnoreCase))
        {
            return charset;
        }

        request.ContentType = $"{mediaType.MediaType}; charset=utf-8";
        return null;
    }

    private static bool HasBody(HttpContext context) =>
        context.Features.Get<IHttpRequestBodyDetectionFeature>()?.CanHaveBody ?? context.Request.Headers.TransferEncoding.Count > 0;

    /// <summary>
    /// A body of unknown length (chunked) is read here, up to one byte past the limit, so that no reader downstream
    /// sees more than the limit; what fits replaces the body and gets its Content-Length.
    /// </summary>
    private static async Task<bool> BufferAsync(HttpContext context, long limit)
    {
        var buffer = new MemoryStream();
        var chunk = new byte[8192];
        try
        {
            int read;
            while ((read = await context.Request.Body.ReadAsync(chunk, context.RequestAborted)) > 0)
            {
                buffer.Write(chunk, 0, read);
                if (buffer.Length > limit)
                {
                    return false;
                }
            }
        }
        catch (BadHttpRequestException e) when (e.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            return false; // Kestrel's own limit (set above) fired first
        }

        if (buffer.Length == 0)
        {
            buffer.Dispose();
            return true; // nothing was sent; the original stream is at its end
        }

        buffer.Position = 0;
        context.Request.Body = buffer;
        context.Request.ContentLength = buffer.Length;
        context.Response.RegisterForDispose(buffer);
        return true;
    }

    private Task TooLargeAsync(HttpContext context, long limit)
    {
        var described = RequestBodyLimit.Describe(limit);
        return WriteAsync(context, StatusCodes.Status413PayloadTooLarge, envelope.Error("payload_too_large",
            $"The request body is larger than this route accepts: at most {described}.",
            [new FieldError("body", $"must be at most {described}")]));
    }

    private static async Task WriteAsync(HttpContext context, int status, ApiErrorResponse error)
    {
        context.Response.StatusCode = status;
        await context.Response.WriteAsJsonAsync(error, context.RequestAborted);
    }

    private static string Shorten(string text) => text.Length <= 40 ? text : text[..40] + "…";
}
