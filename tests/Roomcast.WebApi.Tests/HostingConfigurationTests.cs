using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Configuration;
using Roomcast.Hosting.Web;
using Roomcast.WebApi.Tests.Infrastructure;

namespace Roomcast.WebApi.Tests;

/// <summary>Listening addresses and option validation at start.</summary>
public sealed class HostingConfigurationTests
{
    [Fact]
    public void DefaultUrlIsUsedWhenNothingConfiguresOne()
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = [] });
        ClearUrlSettings(builder);

        builder.UseDefaultUrlsUnlessConfigured("http://127.0.0.1:8080");

        Assert.Equal("http://127.0.0.1:8080", builder.WebHost.GetSetting(WebHostDefaults.ServerUrlsKey));
    }

    [Theory]
    [InlineData("urls", "http://0.0.0.0:5123")] // ASPNETCORE_URLS, --urls
    [InlineData("http_ports", "5124")] // ASPNETCORE_HTTP_PORTS, as the container images set it
    [InlineData("https_ports", "5125")] // ASPNETCORE_HTTPS_PORTS
    public void ConfiguredUrlsOrPortsWinOverTheDefault(string key, string value)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = [] });
        ClearUrlSettings(builder);
        builder.Configuration[key] = value;

        builder.UseDefaultUrlsUnlessConfigured("http://127.0.0.1:8080");

        Assert.Equal(key == "urls" ? value : null, builder.WebHost.GetSetting(WebHostDefaults.ServerUrlsKey));
        Assert.Equal(value, builder.Configuration[key]);
    }

    [Fact]
    public void CommandLineUrlsWinOverTheDefault()
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = ["--urls", "http://127.0.0.1:5126"] });

        builder.UseDefaultUrlsUnlessConfigured("http://127.0.0.1:8080");

        Assert.Equal("http://127.0.0.1:5126", builder.WebHost.GetSetting(WebHostDefaults.ServerUrlsKey));
    }

    [Theory]
    [InlineData("src/WebApi/appsettings.json")]
    [InlineData("src/Silo/appsettings.json")]
    public void AppSettingsDoNotPinTheListeningAddress(string path)
    {
        // A "Urls" in appsettings.json outranks ASPNETCORE_URLS (environment variables with that prefix load first).
        var settings = new ConfigurationBuilder().AddJsonFile(Path.Combine(RepositoryRoot(), path)).Build();
        Assert.NotNull(settings["Storage"]);
        Assert.Null(settings["Urls"]);
    }

    public static TheoryData<string, string, string> InvalidSettings => new()
    {
        { "Auth:Jwt:SigningKey", "not-base64!", "Auth:Jwt:SigningKey must be base64 of at least 32 bytes" },
        { "Auth:Jwt:SigningKey", Convert.ToBase64String(new byte[16]), "Auth:Jwt:SigningKey must be base64 of at least 32 bytes" },
        { "RateLimiting:Auth:PermitLimit", "0", "PermitLimit" },
        { "Auth:BootstrapAdmin:Email", "not-an-email", "Email" },
        { "Api:Silo", "Sideways", "Configuration 'Api:Silo' is 'Sideways'; expected 'Embedded' or 'External'" },
        { "Sessions:MaxDuration", "-00:01:00", "MaxDuration" },
    };

    [Theory]
    [MemberData(nameof(InvalidSettings))]
    public void InvalidSettingStopsStartWithAMessageNamingIt(string key, string value, string expected)
    {
        using var factory = new ConfiguredApiFactory([new(key, value)]);

        var error = Record.Exception(() => factory.Server);

        Assert.NotNull(error);
        var messages = Flatten(error).Select(e => e.Message).ToList();
        Assert.True(messages.Any(m => m.Contains(expected, StringComparison.Ordinal)),
            $"expected a message containing '{expected}', got: {string.Join(" | ", messages)}");
    }

    private static string RepositoryRoot()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "Orleans.sln")))
        {
            directory = directory.Parent;
        }

        return directory?.FullName ?? throw new InvalidOperationException("Orleans.sln not found above " + AppContext.BaseDirectory);
    }

    private static void ClearUrlSettings(WebApplicationBuilder builder)
    {
        // The test process may run with ASPNETCORE_URLS or ASPNETCORE_HTTP_PORTS set (the SDK container images set one).
        foreach (var key in new[] { "urls", "http_ports", "https_ports" })
        {
            builder.Configuration[key] = null;
        }
    }

    private static IEnumerable<Exception> Flatten(Exception exception)
    {
        for (Exception? current = exception; current is not null; current = current.InnerException)
        {
            yield return current;
            if (current is AggregateException aggregate)
            {
                foreach (var inner in aggregate.InnerExceptions.SelectMany(Flatten))
                {
                    yield return inner;
                }
            }
        }
    }

    private sealed class ConfiguredApiFactory(IEnumerable<KeyValuePair<string, string>> settings) : RoomcastApiFactory
    {
        protected override IEnumerable<KeyValuePair<string, string>> ExtraSettings => settings;
    }
}
