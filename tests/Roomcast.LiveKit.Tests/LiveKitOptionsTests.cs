using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Roomcast.LiveKit.Tests.Infrastructure;

namespace Roomcast.LiveKit.Tests;

/// <summary>Section LiveKit at start: a generated key in dev mode, a clear refusal elsewhere.</summary>
public sealed class LiveKitOptionsTests
{
    private const string Secret = "0123456789abcdef0123456789abcdef";

    [Fact]
    public void DevModeWithoutAKeyGeneratesOneAndSaysSo()
    {
        using var services = new LiveKitServices(new Dictionary<string, string?>(), isDevelopment: true);

        var options = services.Services.GetRequiredService<IOptions<LiveKitOptions>>().Value;

        Assert.StartsWith("dev-", options.ApiKey);
        Assert.True(options.ApiSecret!.Length >= 32);
        var warning = Assert.Single(services.Logs.Warnings);
        Assert.Contains("generated development key", warning.Message);
        Assert.Contains("LiveKit:ApiKey", warning.Message);
        Assert.Contains("LiveKit:ApiSecret", warning.Message);
        Assert.DoesNotContain(options.ApiSecret, warning.Message);
    }

    [Fact]
    public async Task ADevHostStartsWithoutAKeyAndWarnsOnce()
    {
        var logs = new RecordingLoggerProvider();
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings { EnvironmentName = "Development" });
        builder.Logging.ClearProviders().AddProvider(logs);
        builder.Services.AddRoomcastLiveKit(builder.Configuration, isDevelopment: true);
        using var host = builder.Build();

        await host.StartAsync();
        _ = host.Services.GetRequiredService<IOptions<LiveKitOptions>>().Value;
        _ = host.Services.GetRequiredService<IOptionsMonitor<LiveKitOptions>>().CurrentValue;
        _ = host.Services.GetRequiredService<ILiveKitTokens>();
        await host.StopAsync();

        Assert.Single(logs.Warnings, w => w.Message.Contains("generated development key"));
    }

    [Fact]
    public void TheGeneratedDevKeyIsTheSameForEveryHostOfTheProcess()
    {
        using var api = new LiveKitServices(new Dictionary<string, string?>(), isDevelopment: true);
        using var silo = new LiveKitServices(new Dictionary<string, string?>(), isDevelopment: true);

        var a = api.Services.GetRequiredService<IOptions<LiveKitOptions>>().Value;
        var b = silo.Services.GetRequiredService<IOptions<LiveKitOptions>>().Value;

        Assert.Equal(a.ApiKey, b.ApiKey);
        Assert.Equal(a.ApiSecret, b.ApiSecret);
        var token = api.Tokens.Issue(new LiveKitParticipant("u", null), new LiveKitVideoGrant("r", true, false, true, false, false));
        Assert.True(Jwt.Parse(token.Jwt).SignedWith(b.ApiSecret!));
    }

    [Fact]
    public void DevModeKeepsAConfiguredKeyPairAndSaysNothing()
    {
        using var services = new LiveKitServices(new Dictionary<string, string?>
        {
            ["LiveKit:ApiKey"] = "APIreal",
            ["LiveKit:ApiSecret"] = Secret,
        }, isDevelopment: true);

        var options = services.Services.GetRequiredService<IOptions<LiveKitOptions>>().Value;

        Assert.Equal("APIreal", options.ApiKey);
        Assert.Equal(Secret, options.ApiSecret);
        Assert.Empty(services.Logs.Warnings);
    }

    [Fact]
    public async Task OutsideDevModeAMissingSecretFailsTheStart()
    {
        var e = await Assert.ThrowsAsync<OptionsValidationException>(() => StartAsync(new() { ["LiveKit:ApiKey"] = "APIreal" }));

        Assert.Contains("LiveKit:ApiSecret", e.Message);
        Assert.DoesNotContain("LiveKit:ApiKey", e.Message);
    }

    [Fact]
    public async Task OutsideDevModeAMissingKeyPairNamesBoth()
    {
        var e = await Assert.ThrowsAsync<OptionsValidationException>(() => StartAsync(new()));

        Assert.Contains("LiveKit:ApiKey", e.Message);
        Assert.Contains("LiveKit:ApiSecret", e.Message);
    }

    [Theory]
    [InlineData("LiveKit:ApiSecret", "too-short-secret", "at least 32 characters")]
    [InlineData("LiveKit:Url", "livekit.example.test:7880", "LiveKit:Url must be an absolute ws, wss, http or https URL")]
    [InlineData("LiveKit:Url", "ftp://livekit.example.test", "LiveKit:Url must be an absolute")]
    [InlineData("LiveKit:ApiUrl", "/twirp", "LiveKit:ApiUrl must be an absolute")]
    [InlineData("LiveKit:TokenLifetime", "00:00:30", "LiveKit:TokenLifetime must be between")]
    [InlineData("LiveKit:TokenLifetime", "1.00:00:01", "LiveKit:TokenLifetime must be between")]
    public async Task AnInvalidSettingFailsTheStartAndSaysWhich(string key, string value, string expected)
    {
        var settings = new Dictionary<string, string?> { ["LiveKit:ApiKey"] = "APIreal", ["LiveKit:ApiSecret"] = Secret, [key] = value };

        var e = await Assert.ThrowsAsync<OptionsValidationException>(() => StartAsync(settings));

        Assert.Contains(expected, e.Message);
    }

    [Fact]
    public async Task AValidConfigurationStarts()
    {
        using var host = await StartAsync(new()
        {
            ["LiveKit:Url"] = "wss://livekit.example.test",
            ["LiveKit:ApiKey"] = "APIreal",
            ["LiveKit:ApiSecret"] = Secret,
            ["LiveKit:TokenLifetime"] = "01:00:00",
            ["LiveKit:RequestTimeout"] = "00:00:02",
        });

        var options = host.Services.GetRequiredService<IOptions<LiveKitOptions>>().Value;
        Assert.Equal("https://livekit.example.test", options.ResolvedApiUrl());
        Assert.Equal(TimeSpan.FromHours(1), options.TokenLifetime);
        Assert.Equal(TimeSpan.FromSeconds(2), options.RequestTimeout);
        Assert.Equal("wss://livekit.example.test", host.Services.GetRequiredService<ILiveKitTokens>().Url);
        await host.StopAsync();
    }

    private static async Task<IHost> StartAsync(Dictionary<string, string?> settings)
    {
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings { EnvironmentName = "Production" });
        builder.Configuration.AddInMemoryCollection(settings);
        builder.Logging.ClearProviders();
        builder.Services.AddRoomcastLiveKit(builder.Configuration, isDevelopment: false);
        var host = builder.Build();
        try
        {
            await host.StartAsync();
            return host;
        }
        catch
        {
            host.Dispose();
            throw;
        }
    }
}
