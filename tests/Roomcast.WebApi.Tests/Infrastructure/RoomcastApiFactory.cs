using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Roomcast.Testing;
using Roomcast.Testing.LiveKit;

namespace Roomcast.WebApi.Tests.Infrastructure;

/// <summary>
/// The API with its embedded dev-mode silo, in memory, on free loopback ports, with a known bootstrap admin
/// and signing key. One instance per test collection; tests create their own users, rooms and sessions.
/// </summary>
public partial class RoomcastApiFactory : WebApplicationFactory<Program>, IAsyncLifetime
{
    public const string AdminEmail = "admin@tests.roomcast.local";
    public const string AdminPassword = "bootstrap-admin-password";

    /// <summary>Where studio URLs point in tests.</summary>
    public const string ViewerAppBaseUrl = "https://viewer.tests.roomcast.local/app";

    /// <summary>A fixed 32-byte HMAC key, so tests can mint tokens of their own (expired, tampered...).</summary>
    public static readonly byte[] SigningKeyBytes = Enumerable.Range(1, 32).Select(i => (byte)(i * 7)).ToArray();

    /// <summary>LiveKit credentials of the hosts that run without the fake server (public test values).</summary>
    public const string TestLiveKitKey = "roomcast-tests";
    public const string TestLiveKitSecret = "roomcast-tests-livekit-secret-0123456789";

    /// <summary>The secret Centrifugo would send in X-Centrifugo-Proxy-Secret (a public test value).</summary>
    public const string CentrifugoProxySecret = "roomcast-tests-centrifugo-proxy-secret-0123456789";

    private FakeLiveKitServer? _liveKit;
    private readonly int _siloPort = LoopbackPorts.Next();
    private readonly int _gatewayPort = LoopbackPorts.Next();
    private readonly string _clusterId = "tests-" + Guid.NewGuid().ToString("N")[..8];

    /// <summary>This host's own recording storage folder (local storage), removed with the host.</summary>
    public string RecordingsRoot { get; } = Path.Combine(Path.GetTempPath(), "roomcast-api-tests-" + Guid.NewGuid().ToString("N"));

    /// <summary>Settings a derived fixture adds or overrides (e.g. short session periods).</summary>
    protected virtual IEnumerable<KeyValuePair<string, string>> ExtraSettings => [];

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        // UseSetting lands in the configuration Program.cs reads while building (the silo ports are read there).
        var settings = new Dictionary<string, string>
        {
            ["Storage"] = "Dev",
            ["Api:Silo"] = "Embedded",
            ["Orleans:ClusterId"] = _clusterId,
            ["Orleans:SiloPort"] = _siloPort.ToString(),
            ["Orleans:GatewayPort"] = _gatewayPort.ToString(),
            ["Auth:BootstrapAdmin:Email"] = AdminEmail,
            ["Auth:BootstrapAdmin:Password"] = AdminPassword,
            ["Auth:Jwt:SigningKey"] = Convert.ToBase64String(SigningKeyBytes),
            ["Logging:LogLevel:Default"] = "Warning",
            ["Logging:LogLevel:Orleans"] = "Error",
            ["RateLimiting:Auth:PermitLimit"] = "1000000",
            ["RateLimiting:AuthCode:PermitLimit"] = "1000000",

            // The permission matrix builds its worlds with a few shared hosts; QuotaApiTests sets small ones.
            ["Quotas:RoomsPerOwner"] = "100000",
            ["Quotas:ScheduledSessionsPerOwner"] = "1000000",
            ["Quotas:PresetsPerOwner"] = "10000",
            ["Webhooks:MaxEndpointsPerLibrary"] = "1000",
            ["ViewerApp:BaseUrl"] = ViewerAppBaseUrl,
            ["RecordingStorage:Local:Root"] = RecordingsRoot,
            ["Centrifugo:ProxySecret"] = CentrifugoProxySecret,
        };
        if (_liveKit is { } liveKit)
        {
            settings["LiveKit:Url"] = liveKit.WsUrl;
            settings["LiveKit:ApiUrl"] = liveKit.Url;
            settings["LiveKit:ApiKey"] = liveKit.ApiKey;
            settings["LiveKit:ApiSecret"] = liveKit.ApiSecret;
        }
        else
        {
            // A factory made without InitializeAsync (a test's own, e.g. on Storage=Postgres, where the key is required).
            settings["LiveKit:ApiKey"] = TestLiveKitKey;
            settings["LiveKit:ApiSecret"] = TestLiveKitSecret;
        }

        foreach (var (key, value) in ExtraSettings)
        {
            settings[key] = value;
        }

        foreach (var (key, value) in settings)
        {
            builder.UseSetting(key, value);
        }

        builder.ConfigureLogging(logging => logging.SetMinimumLevel(LogLevel.Warning));
        builder.ConfigureTestServices(ConfigureTestServices);
    }

    protected virtual void ConfigureTestServices(IServiceCollection services)
    {
    }

    /// <summary>The in-process LiveKit server the API talks to (started with the host by <see cref="InitializeAsync"/>).</summary>
    public FakeLiveKitServer LiveKit => _liveKit ?? throw new InvalidOperationException("The fake LiveKit server starts in InitializeAsync.");

    /// <summary>Starts the fake LiveKit server, then the host (silo, bootstrap admin), before the first test of the collection runs.</summary>
    public virtual async Task InitializeAsync()
    {
        _liveKit = await FakeLiveKitServer.StartAsync();
        _ = Server;
    }

    Task IAsyncLifetime.DisposeAsync() => DisposeAsync().AsTask();

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        if (_liveKit is not null)
        {
            await _liveKit.DisposeAsync();
        }

        if (Directory.Exists(RecordingsRoot))
        {
            Directory.Delete(RecordingsRoot, recursive: true);
        }

        GC.SuppressFinalize(this);
    }
}
