using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Http.Resilience;
using Microsoft.Extensions.Options;
using Polly;
using Roomcast.Centrifugo;

namespace Microsoft.Extensions.DependencyInjection;

public static class CentrifugoServiceCollectionExtensions
{
    /// <summary>The name of the resilience pipeline of the server API client (metrics and logs carry it).</summary>
    public const string ResiliencePipelineName = "centrifugo";

    /// <summary>
    /// Binds and validates section <c>Centrifugo</c> (checked at start) and registers the session event queue, and, when
    /// <c>Centrifugo:ApiUrl</c> is set, the server API client and the service that drains the queue into it.
    /// Safe to call twice (a co-hosted API and silo share one service collection).
    /// </summary>
    public static IServiceCollection AddRoomcastCentrifugo(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        if (services.Any(d => d.ServiceType == typeof(ICentrifugoPublisher)))
        {
            return services;
        }

        services.AddOptions<CentrifugoOptions>().Bind(configuration.GetSection(CentrifugoOptions.Section)).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<CentrifugoOptions>, CentrifugoOptionsValidator>());
        services.AddMetrics();
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<CentrifugoSessionEventQueue>();

        if (string.IsNullOrWhiteSpace(configuration.GetSection(CentrifugoOptions.Section)[nameof(CentrifugoOptions.ApiUrl)]))
        {
            services.AddSingleton<ICentrifugoPublisher, DisabledCentrifugoPublisher>();
            return services;
        }

        services.AddHttpClient<ICentrifugoPublisher, CentrifugoHttpPublisher>((provider, http) =>
            {
                var options = provider.GetRequiredService<IOptions<CentrifugoOptions>>().Value;
                http.BaseAddress = new Uri(options.ApiUrl!.TrimEnd('/') + "/");
                http.DefaultRequestHeaders.Add(CentrifugoHttpPublisher.ApiKeyHeader, options.ApiKey);
                // The pipeline's timeout bounds each call; HttpClient's own would only add a second clock.
                http.Timeout = Timeout.InfiniteTimeSpan;
            })
            .AddResilienceHandler(ResiliencePipelineName, (pipeline, context) =>
            {
                var options = context.ServiceProvider.GetRequiredService<IOptions<CentrifugoOptions>>().Value;
                // No retry: publishing is at most once. The breaker makes a Centrifugo that is down cost the queue
                // nothing but a fast refusal per event instead of a timeout each.
                pipeline
                    .AddCircuitBreaker(new HttpCircuitBreakerStrategyOptions
                    {
                        FailureRatio = 0.5,
                        MinimumThroughput = 4,
                        SamplingDuration = TimeSpan.FromSeconds(30),
                        BreakDuration = TimeSpan.FromSeconds(10),
                    })
                    .AddTimeout(options.RequestTimeout);
            });
        services.AddHostedService<CentrifugoPublishingService>();
        return services;
    }
}
