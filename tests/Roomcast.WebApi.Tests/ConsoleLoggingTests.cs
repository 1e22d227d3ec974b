using System.Diagnostics;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Logging.Console;
using Roomcast.Hosting;
using Roomcast.Hosting.Logging;

namespace Roomcast.WebApi.Tests;

/// <summary>
/// Console logs of cluster mode are JSON lines with a UTC timestamp and the scopes (trace and span ids); dev mode keeps
/// the default layout. Each test formats a line with the formatter the console provider actually uses (the provider
/// may overwrite its options).
/// </summary>
public sealed partial class ConsoleLoggingTests
{
    [Fact]
    public void ClusterModeConsoleLinesAreJsonWithUtcTimestampsOnOneLine()
    {
        var line = FormatOneEntry(StorageMode.Postgres);

        Assert.Single(line.TrimEnd('\n', '\r').Split('\n'));
        using var json = JsonDocument.Parse(line);
        Assert.Matches(UtcTimestamp(), json.RootElement.GetProperty("Timestamp").GetString());
        Assert.Equal("the message", json.RootElement.GetProperty("Message").GetString());
    }

    [Fact]
    public void ClusterModeConsoleLinesCarryTheTraceAndSpanIdsOfTheCurrentActivity()
    {
        using var activity = new Activity("request").SetIdFormat(ActivityIdFormat.W3C).Start();

        var line = FormatOneEntry(StorageMode.Postgres);

        using var json = JsonDocument.Parse(line);
        var scopes = json.RootElement.GetProperty("Scopes").EnumerateArray().ToList();
        Assert.Contains(scopes, s => s.TryGetProperty("TraceId", out var id) && id.GetString() == activity.TraceId.ToHexString());
        Assert.Contains(scopes, s => s.TryGetProperty("SpanId", out var id) && id.GetString() == activity.SpanId.ToHexString());
    }

    [Fact]
    public void DevModeConsoleKeepsTheDefaultLayout()
    {
        var line = FormatOneEntry(StorageMode.Dev);

        Assert.StartsWith("info: ", line);
        Assert.DoesNotMatch(UtcTimestamp(), line);
    }

    [Fact]
    public void ConfiguredTimestampFormatWinsInClusterMode()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Logging:Console:FormatterOptions:TimestampFormat"] = "[HH:mm] ",
        }).Build();

        var line = FormatOneEntry(StorageMode.Postgres, configuration);

        using var json = JsonDocument.Parse(line);
        Assert.Matches(@"^\[\d{2}:\d{2}\] ", json.RootElement.GetProperty("Timestamp").GetString());
    }

    [Fact]
    public void ConfiguredSimpleFormatterKeepsOneLineUtcTimestampsInClusterMode()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Logging:Console:FormatterName"] = ConsoleFormatterNames.Simple,
        }).Build();

        var line = FormatOneEntry(StorageMode.Postgres, configuration);

        Assert.Matches(UtcTimestamp(), line);
        Assert.Single(line.TrimEnd('\n', '\r').Split('\n'));
    }

    private static string FormatOneEntry(StorageMode storage, IConfiguration? configuration = null)
    {
        var scopes = new ScopeCapture();
        var services = new ServiceCollection();
        services.AddLogging(logging =>
        {
            if (configuration is not null)
            {
                logging.AddConfiguration(configuration.GetSection("Logging"));
            }

            logging.AddConsole();
            logging.AddRoomcastConsole(new RoomcastHostingOptions { Storage = storage });
            logging.AddProvider(scopes);
        });
        using var provider = services.BuildServiceProvider();
        // The factory hands every ISupportExternalScope provider (the console's and this one) the same scope provider.
        _ = provider.GetRequiredService<ILoggerFactory>();

        // The provider picks the formatter and may replace its options; resolve it first, then ask it which one it uses.
        var console = provider.GetServices<ILoggerProvider>().OfType<ConsoleLoggerProvider>().Single();
        var options = provider.GetRequiredService<Microsoft.Extensions.Options.IOptionsMonitor<ConsoleLoggerOptions>>().CurrentValue;
        var formatter = provider.GetServices<ConsoleFormatter>().Single(f => f.Name == (options.FormatterName ?? ConsoleFormatterNames.Simple));
        Assert.NotNull(console);

        using var writer = new StringWriter();
        formatter.Write(new LogEntry<string>(LogLevel.Information, "Roomcast.Test", new EventId(1), "the message", null, (s, _) => s),
            scopes.Provider, writer);
        return writer.ToString();
    }

    /// <summary>Keeps the scope provider the logger factory hands out (it adds the activity's ids when told to).</summary>
    private sealed class ScopeCapture : ILoggerProvider, ISupportExternalScope
    {
        public IExternalScopeProvider Provider { get; private set; } = new LoggerExternalScopeProvider();

        public void SetScopeProvider(IExternalScopeProvider scopeProvider) => Provider = scopeProvider;

        public ILogger CreateLogger(string categoryName) => NullLogger.Instance;

        public void Dispose()
        {
        }
    }

    [GeneratedRegex(@"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z")]
    private static partial Regex UtcTimestamp();
}
