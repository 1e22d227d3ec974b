using Roomcast.Grains.Sessions;

namespace Roomcast.WebApi.Infrastructure;

/// <summary>What a request body's own checks may consult: the clock, and the limits the silos enforce (the same configuration).</summary>
public sealed record RequestValidationContext(TimeProvider Clock, SessionLifecycleOptions Sessions)
{
    /// <summary>One per process, from the API's clock and its bound session options.</summary>
    public static RequestValidationContext From(IServiceProvider services) => new(
        services.GetRequiredService<TimeProvider>(),
        services.GetRequiredService<Microsoft.Extensions.Options.IOptions<SessionLifecycleOptions>>().Value);
}
