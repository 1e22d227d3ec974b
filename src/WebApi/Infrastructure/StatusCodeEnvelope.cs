using Microsoft.AspNetCore.Diagnostics;

namespace Roomcast.WebApi.Infrastructure;

/// <summary>Gives the bodiless answers of the pipeline (401 challenge, 403, unknown route, wrong method, a body that is not JSON) the error envelope.</summary>
public static class StatusCodeEnvelope
{
    public static async Task WriteAsync(StatusCodeContext context)
    {
        var http = context.HttpContext;
        var envelope = http.RequestServices.GetRequiredService<Envelope>();
        var (code, message) = http.Response.StatusCode switch
        {
            StatusCodes.Status401Unauthorized => ("unauthorized", "A valid bearer token or API key is required."),
            StatusCodes.Status403Forbidden => ("forbidden", "You may not do this."),
            StatusCodes.Status404NotFound => ("not_found", "No such route."),
            StatusCodes.Status405MethodNotAllowed => ("method_not_allowed", "This route does not accept that method."),
            StatusCodes.Status413PayloadTooLarge => ("payload_too_large", "The request body is larger than this route accepts."),
            StatusCodes.Status415UnsupportedMediaType => ("unsupported_media_type", "Send the body as application/json in UTF-8."),
            StatusCodes.Status429TooManyRequests => ("rate_limited", "Too many requests; retry later."),
            var other => ("http_" + other, "The request failed."),
        };
        await http.Response.WriteAsJsonAsync(envelope.Error(code, message));
    }
}
