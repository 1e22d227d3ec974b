using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Roomcast.Testing.LiveKit;

namespace Roomcast.LiveKit.Tests.Infrastructure;

/// <summary>A service provider with <c>AddRoomcastLiveKit</c> and nothing else, configured like the app would be.</summary>
public sealed class LiveKitServices : IDisposable
{
    private readonly ServiceProvider _provider;

    public LiveKitServices(IDictionary<string, string?> settings, bool isDevelopment = false, TimeProvider? time = null)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        var services = new ServiceCollection();
        services.AddLogging(logging => logging.AddProvider(Logs).SetMinimumLevel(LogLevel.Information));
        if (time is not null)
        {
            services.AddSingleton(time);
        }
        services.AddRoomcastLiveKit(configuration, isDevelopment);
        _provider = services.BuildServiceProvider(new ServiceProviderOptions { ValidateScopes = true, ValidateOnBuild = true });
    }

    /// <summary>Pointed at <paramref name="fake"/>, with a short attempt timeout so that hangs fail fast.</summary>
    public static LiveKitServices For(FakeLiveKitServer fake, TimeSpan? requestTimeout = null) => new(new Dictionary<string, string?>
    {
        ["LiveKit:Url"] = fake.WsUrl,
        ["LiveKit:ApiUrl"] = fake.Url,
        ["LiveKit:ApiKey"] = fake.ApiKey,
        ["LiveKit:ApiSecret"] = fake.ApiSecret,
        ["LiveKit:RequestTimeout"] = (requestTimeout ?? TimeSpan.FromSeconds(2)).ToString(),
    });

    public RecordingLoggerProvider Logs { get; } = new();

    public IServiceProvider Services => _provider;

    public ILiveKitRoomService RoomService => _provider.GetRequiredService<ILiveKitRoomService>();

    public ILiveKitEgressService EgressService => _provider.GetRequiredService<ILiveKitEgressService>();

    public ILiveKitTokens Tokens => _provider.GetRequiredService<ILiveKitTokens>();

    public void Dispose() => _provider.Dispose();
}
