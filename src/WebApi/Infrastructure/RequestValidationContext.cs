using Roomcast.Grains.Sessions;

namespace Roomcast.WebApi.Infrastructure;

/// <summary>What a request body's own checks may consult: the clock, and the limits the silos enforce (the same configuration).</summary>
public sealed record RequestValidationContext(TimeProvider Clock, SessionLifecycleOptions Sessions);
