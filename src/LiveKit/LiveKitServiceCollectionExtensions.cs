using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Http.Resilience;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Polly;
using Roomcast.LiveKit;

namespace Microsoft.Extensions.DependencyInjection;

public static class LiveKitServiceCollectionExtensions
{
    /// <summary>The name of the resilience pipeline of the server API client (metrics and logs carry it).</summary>
    public const string ResiliencePipelineName = "livekit";

    /// <summary>
    /// Binds and validates section <c>LiveKit</c> (checked at start) and registers <see cref="ILiveKitTokens"/>,
    /// <see cref="LiveKitWebhookVerifier"/>, <see cref="ILiveKitRoomService"/> and <see cref="ILiveKitEgressService"/>. In development mode a missing API key or secret is replaced by one generated
    /// once per process, with a warning; elsewhere it fails the start.
    /// </summary>
    public static IServiceCollection AddRoomcastLiveKit(this IServiceCollection services, IConfiguration configuration,
        bool isDevelopment)
    {
        ArgumentNullException.ThrowIfNull(configuration);

        // A co-hosted API and silo share one service collection and both ask for LiveKit: once is enough.
        if (services.Any(d => d.ServiceType == typeof(LiveKitTokens)))
        {
            return services;
        }

        var options = services.AddOptions<LiveKitOptions>().Bind(configuration.GetSection(LiveKitOptions.Section));
        if (isDevelopment)
        {
            services.TryAddSingleton(sp => new LiveKitDevKeyNotice(sp.GetService<ILoggerFactory>()));
            options.PostConfigure<IServiceProvider>(UseDevCredentialsWhereMissing);
        }
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<LiveKitOptions>, LiveKitOptionsValidator>());
        options.ValidateOnStart();

        services.TryAddSingleton(sp => new LiveKitTokens(sp.GetRequiredService<IOptions<LiveKitOptions>>(),
            sp.GetService<TimeProvider>() ?? TimeProvider.System));
        services.TryAddSingleton<ILiveKitTokens>(sp => sp.GetRequiredService<LiveKitTokens>());
        services.TryAddSingleton(sp => new LiveKitWebhookVerifier(sp.GetRequiredService<IOptions<LiveKitOptions>>(),
            sp.GetService<TimeProvider>() ?? TimeProvider.System));

        var section = configuration.GetSection(LiveKitOptions.Section);
        if (isDevelopment && string.IsNullOrWhiteSpace(section[nameof(LiveKitOptions.Url)]) && string.IsNullOrWhiteSpace(section[nameof(LiveKitOptions.ApiUrl)]))
        {
            services.AddSingleton<ILiveKitRoomService, DetachedLiveKitRoomService>();
            services.AddSingleton<ILiveKitEgressService>(sp => new DetachedLiveKitEgressService(
                sp.GetRequiredService<ILogger<DetachedLiveKitEgressService>>(), sp.GetService<TimeProvider>()));
            services.AddHostedService<DetachedLiveKitNotice>();
            return services;
        }

        services.AddHttpClient<ILiveKitRoomService, LiveKitRoomServiceClient>(ConfigureClient)
            .AddResilienceHandler(ResiliencePipelineName, (pipeline, context) =>
                ConfigurePipeline(pipeline, context.ServiceProvider.GetRequiredService<IOptions<LiveKitOptions>>().Value));
        services.AddHttpClient<ILiveKitEgressService, LiveKitEgressServiceClient>(ConfigureClient)
            .AddResilienceHandler(ResiliencePipelineName, (pipeline, context) =>
                ConfigurePipeline(pipeline, context.ServiceProvider.GetRequiredService<IOptions<LiveKitOptions>>().Value));

        return services;
    }

    private static void ConfigureClient(IServiceProvider services, HttpClient http)
    {
        http.BaseAddress = new Uri(services.GetRequiredService<IOptions<LiveKitOptions>>().Value.ResolvedApiUrl() + "/");
        // The pipeline's total timeout bounds each call; HttpClient's own would only add a second clock.
        http.Timeout = Timeout.InfiniteTimeSpan;
    }

    private static void UseDevCredentialsWhereMissing(LiveKitOptions options, IServiceProvider services)
    {
        if (!string.IsNullOrWhiteSpace(options.ApiKey) && !string.IsNullOrWhiteSpace(options.ApiSecret))
        {
            return;
        }
        // Both or neither: a configured key with a generated secret (or the reverse) would match no real server either.
        options.ApiKey = LiveKitDevCredentials.ApiKey;
        options.ApiSecret = LiveKitDevCredentials.ApiSecret;
        services.GetRequiredService<LiveKitDevKeyNotice>().Say(options.ApiKey);
    }

    // Outermost first: the whole call's deadline, retries of idempotent calls, the breaker, each attempt's deadline.
    private static void ConfigurePipeline(ResiliencePipelineBuilder<HttpResponseMessage> pipeline, LiveKitOptions options)
    {
        pipeline
            .AddTimeout(options.RequestTimeout * 3)
            .AddRetry(new HttpRetryStrategyOptions
            {
                MaxRetryAttempts = 2,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                Delay = TimeSpan.FromMilliseconds(200),
                // A Retry-After of LiveKit's could be longer than the call's deadline; the backoff stays bounded.
                ShouldRetryAfterHeader = false,
                ShouldHandle = args => ValueTask.FromResult(
                    LiveKitRequestOptions.MayRetry(args.Context.GetRequestMessage())
                    && HttpClientResiliencePredicates.IsTransient(args.Outcome)),
            })
            .AddCircuitBreaker(new HttpCircuitBreakerStrategyOptions
            {
                FailureRatio = 0.5,
                MinimumThroughput = 4,
                SamplingDuration = TimeSpan.FromSeconds(30),
                BreakDuration = TimeSpan.FromSeconds(10),
            })
            .AddTimeout(options.RequestTimeout);
    }
}
