using Microsoft.AspNetCore.Http.Metadata;

namespace Roomcast.WebApi.Infrastructure;

/// <summary>
/// The largest request body a route accepts, as endpoint metadata (<see cref="IRequestSizeLimitMetadata"/>, which Kestrel
/// also reads). Routes without it get <see cref="Default"/>; <see cref="RequestBodyGuard"/> enforces it on every host.
/// </summary>
public sealed record RequestBodyLimit(long Bytes) : IRequestSizeLimitMetadata
{
    /// <summary>64 KB: every JSON body of the API is a handful of fields; the largest (a 100-id batch) is about 4 KB.</summary>
    public const long Default = 64 * 1024;

    long? IRequestSizeLimitMetadata.MaxRequestBodySize => Bytes;

    /// <summary>"65536 bytes (64 KB)": what a 413 tells the client.</summary>
    public static string Describe(long bytes) =>
        bytes % 1024 == 0 ? $"{bytes} bytes ({bytes / 1024} KB)" : $"{bytes} bytes";
}

public static class RequestBodyLimitExtensions
{
    /// <summary>Lets a route (or group) accept bodies up to <paramref name="bytes"/> instead of <see cref="RequestBodyLimit.Default"/>.</summary>
    public static TBuilder WithRequestBodyLimit<TBuilder>(this TBuilder builder, long bytes)
        where TBuilder : IEndpointConventionBuilder =>
        builder.WithMetadata(new RequestBodyLimit(bytes));
}
