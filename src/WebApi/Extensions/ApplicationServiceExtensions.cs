using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Roomcast.WebApi.Centrifugo;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Tokens;
using Roomcast.Grains.Media;
using Roomcast.Grains.Sessions;
using Roomcast.Identity;
using Roomcast.Hosting;
using Roomcast.WebApi.Auth;
using Roomcast.WebApi.Events;
using Roomcast.WebApi.Dashboard;
using Roomcast.WebApi.Infrastructure;
using Roomcast.WebApi.Media;
using Roomcast.WebApi.Recordings;

namespace Roomcast.WebApi.Extensions;

public static class ApplicationServiceExtensions
{
    /// <summary>
    /// The service defaults (hosting options, address, logging, telemetry, health), Orleans (embedded silo or client),
    /// JSON, errors, auth and OpenAPI: everything the API needs.
    /// </summary>
    public static WebApplicationBuilder AddRoomcastApi(this WebApplicationBuilder builder)
    {
        var api = ApiOptions.From(builder.Configuration);
        // Read and checked once; the parts of the API that differ between dev and cluster mode ask this instance.
        var hosting = builder.AddRoomcastServiceDefaults("roomcast-api", "http://127.0.0.1:8080", hostsSilo: api.Silo == ApiSiloMode.Embedded);
        builder.Services.AddOptions<ApiOptions>().BindConfiguration(ApiOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        builder.AddOrleans(api);
        builder.AddJson();
        builder.AddAuth(hosting);
        builder.AddDashboardAccess();
        builder.Services.AddMedia();

        builder.Services.AddSingleton<Envelope>();
        builder.Services.AddSingleton<GrainReferences>();
        builder.Services.AddExceptionHandler<ApiExceptionHandler>();
        builder.Services.AddProblemDetails();
        builder.Services.Configure<RouteHandlerOptions>(o => o.ThrowOnBadRequest = true);
        builder.Services.AddSingleton(RequestValidationContext.From);
        builder.Services.AddSingleton<RequestValidationFilter>();
        // The limits request validation shares with the silos (bound here too for an API node that is only a client).
        builder.Services.AddOptions<SessionLifecycleOptions>().BindConfiguration(SessionLifecycleOptions.SectionName);
        builder.Services.AddOpenApi(o => o
            .AddDocumentTransformer<BearerSecurityTransformer>()
            .AddDocumentTransformer<ApiKeySecurityTransformer>()
            .AddDocumentTransformer<HealthDocumentTransformer>()
            .AddOperationTransformer<LibraryRouteParameterTransformer>()
            .AddOperationTransformer<QueryParameterTransformer>()
            .AddOperationTransformer<OperationSecurityTransformer>()
            .AddOperationTransformer<ErrorResponsesTransformer>()
            .AddOperationTransformer<RequestBodyResponsesTransformer>()
            .AddSchemaTransformer<ContractSchemaTransformer>()
            .AddSchemaTransformer<UpdateSessionSchemaTransformer>()
            .AddDocumentTransformer<ContractSchemaTransformer.RequestReferences>());
        return builder;
    }

    private static void AddOrleans(this WebApplicationBuilder builder, ApiOptions api)
    {
        if (api.Silo == ApiSiloMode.Embedded)
        {
            builder.UseOrleans(silo => silo.AddRoomcast(builder.Configuration));
        }
        else
        {
            builder.UseOrleansClient(client => client.AddRoomcast(builder.Configuration));
        }

        // The API's own use of LiveKit (removing a banned participant); the embedded silo's registration, if any, is the same one.
        builder.Services.AddRoomcastLiveKit(builder.Configuration, isDevelopment: RoomcastHostingOptions.From(builder.Configuration).Storage == StorageMode.Dev);
        // The API serves recording files itself (local storage) or redirects to the bucket (S3): the silos' store.
        builder.Services.AddRoomcastRecordingStorage(builder.Configuration);
        builder.Services.AddRoomcastCentrifugo(builder.Configuration);
        // The reminder status names the due time; an API node without a silo reads the lead from the same section.
        builder.Services.AddOptions<Roomcast.Grains.Reminders.RoomReminderOptions>()
            .BindConfiguration(Roomcast.Grains.Reminders.RoomReminderOptions.SectionName);
        builder.Services.AddSingleton<CentrifugoProxySecret>();
        builder.Services.AddSingleton<CentrifugoAccessTokens>();
        builder.Services.AddSingleton<CentrifugoSubscribers>();
        builder.Services.AddHostedService<CentrifugoProxyNotice>();
    }

    private static void AddJson(this WebApplicationBuilder builder) =>
        builder.Services.ConfigureHttpJsonOptions(o =>
        {
            o.SerializerOptions.PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower;
            o.SerializerOptions.DictionaryKeyPolicy = JsonNamingPolicy.SnakeCaseLower;
            o.SerializerOptions.UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow;
            o.SerializerOptions.NumberHandling = JsonNumberHandling.Strict;
            o.SerializerOptions.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.SnakeCaseLower, allowIntegerValues: false));
        });

    private static void AddAuth(this WebApplicationBuilder builder, RoomcastHostingOptions hosting)
    {
        var services = builder.Services;
        services.AddOptions<JwtOptions>().BindConfiguration(JwtOptions.SectionName).ValidateDataAnnotations()
            .Validate(o => hosting.Storage == StorageMode.Dev || !string.IsNullOrWhiteSpace(o.SigningKey),
                "Storage=Postgres needs Auth:Jwt:SigningKey (base64, >= 32 bytes) so that every API node validates the same tokens.")
            .Validate(o => string.IsNullOrWhiteSpace(o.SigningKey) || SigningKey.IsValid(o.SigningKey),
                "Auth:Jwt:SigningKey must be base64 of at least 32 bytes.")
            .ValidateOnStart();
        services.AddOptions<BootstrapAdminOptions>().BindConfiguration(BootstrapAdminOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();

        services.AddSingleton(sp => SigningKey.FromConfiguration(sp.GetRequiredService<IOptions<JwtOptions>>().Value.SigningKey));
        services.AddSingleton<AccessTokenIssuer>();
        services.AddSingleton<IPasswordHasher<UserProfile>, PasswordHasher<UserProfile>>();
        services.AddSingleton<UserAccounts>();
        services.AddSingleton<ResourceAuthorization>();
        services.AddSingleton<IAuthorizationMiddlewareResultHandler, LibraryScopeAuthorizationResultHandler>();
        services.AddHostedService<BootstrapAdminService>();
        services.AddHostedService<SigningKeyWarning>();
        services.AddAuthFlows();
        services.AddEventStream();

        // JWT bearer with the framework's options and post-configuration, through a handler that reuses the result of a
        // header that already authenticated (CachingJwtBearerHandler).
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IPostConfigureOptions<JwtBearerOptions>, JwtBearerPostConfigureOptions>());
        services.AddAuthentication(JwtBearerDefaults.AuthenticationScheme)
            .AddScheme<JwtBearerOptions, CachingJwtBearerHandler>(JwtBearerDefaults.AuthenticationScheme, null, _ => { })
            .AddApiKey();
        services.AddSingleton<CachingJwtBearerHandler.Results>();
        services.AddSingleton<CachingJsonWebTokenHandler>();
        services.AddOptions<JwtBearerOptions>(JwtBearerDefaults.AuthenticationScheme)
            .Configure<SigningKey, IOptions<JwtOptions>, CachingJsonWebTokenHandler>((bearer, key, jwt, handler) =>
            {
                bearer.MapInboundClaims = false;
                bearer.SaveToken = false; // nothing reads the raw token back from AuthenticationProperties
                bearer.TokenHandlers.Clear();
                bearer.TokenHandlers.Add(handler);
                bearer.TokenValidationParameters = new TokenValidationParameters
                {
                    ValidIssuer = jwt.Value.Issuer,
                    ValidAudience = jwt.Value.Audience,
                    IssuerSigningKey = key.Key,
                    ValidAlgorithms = [SecurityAlgorithms.HmacSha256],
                    ValidateIssuer = true,
                    ValidateAudience = true,
                    ValidateLifetime = true,
                    ValidateIssuerSigningKey = true,
                    RequireExpirationTime = true,
                    RequireSignedTokens = true,
                    ClockSkew = TimeSpan.FromSeconds(30),
                    NameClaimType = RoomcastClaims.Name,
                    RoleClaimType = RoomcastClaims.Role,
                };
            });
        Policies.Add(services.AddAuthorizationBuilder());
    }

    /// <summary>Refresh tokens, device sign-in, one-time codes, the viewer app's address, and the rate limit of the credential routes.</summary>
    private static void AddAuthFlows(this IServiceCollection services)
    {
        services.AddOptions<AuthFlowOptions>().BindConfiguration(AuthFlowOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<ViewerAppOptions>().BindConfiguration(ViewerAppOptions.SectionName)
            .Validate(o => ViewerAppOptions.IsValidBaseUrl(o.BaseUrl),
                "ViewerApp:BaseUrl must be an absolute http(s) URL without query or fragment, e.g. https://viewer.example.com.")
            .ValidateOnStart();
        services.AddSingleton<AuthTokens>();
        services.AddSingleton<AuthCodes>();
        services.AddSingleton<DeviceAccounts>();
        services.AddAuthRateLimiting();
    }

    /// <summary>Media addresses and the signing of recording file URLs.</summary>
    private static void AddMedia(this IServiceCollection services)
    {
        services.AddOptions<MediaOptions>().BindConfiguration(MediaOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<MediaUrls>();
        services.AddSingleton<RecordingUrlSigner>();
    }

    /// <summary>The live event stream: this node's feeds of the sessions its clients watch.</summary>
    private static void AddEventStream(this IServiceCollection services)
    {
        services.AddOptions<EventStreamOptions>().BindConfiguration(EventStreamOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<SessionEventRelay>();
    }
}
