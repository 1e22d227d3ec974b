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
/// Console log lines of cluster mode carry a UTC timestamp, one line each; dev mode keeps the default layout. Each test
/// formats a line with the formatter the console provider actually uses (the provider may overwrite its options).
/// </summary>
public sealed partial class ConsoleLoggingTests
{
    [Fact]
    public void ClusterModeConsoleLinesCarryUtcTimestampsOnOneLine()
    {
        var line = FormatOneEntry(StorageMode.Postgres);

        Assert.Matches(UtcTimestampFirst(), line);
        Assert.Single(line.TrimEnd('\n', '\r').Split('\n'));
        Assert.Contains("the message", line);
    }

    [Fact]
    public void DevModeConsoleKeepsTheDefaultLayout()
    {
        var line = FormatOneEntry(StorageMode.Dev);

        Assert.StartsWith("info: ", line);
        Assert.DoesNotMatch(UtcTimestampFirst(), line);
    }

    [Fact]
    public void ConfiguredTimestampFormatWinsInClusterMode()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Logging:Console:FormatterOptions:TimestampFormat"] = "[HH:mm] ",
        }).Build();

        var line = FormatOneEntry(StorageMode.Postgres, configuration);

        Assert.Matches(@"^\[\d{2}:\d{2}\] ", line);
    }

    private static string FormatOneEntry(StorageMode storage, IConfiguration? configuration = null)
    {
        var services = new ServiceCollection();
        services.AddLogging(logging =>
        {
            if (configuration is not null)
            {
                logging.AddConfiguration(configuration.GetSection("Logging"));
            }

            logging.AddConsole();
            logging.AddRoomcastConsole(new RoomcastHostingOptions { Storage = storage });
        });
        using var provider = services.BuildServiceProvider();

        // The provider picks the formatter and may replace its options; resolve it first, then ask it which one it uses.
        var console = provider.GetServices<ILoggerProvider>().OfType<ConsoleLoggerProvider>().Single();
        var options = provider.GetRequiredService<Microsoft.Extensions.Options.IOptionsMonitor<ConsoleLoggerOptions>>().CurrentValue;
        var formatter = provider.GetServices<ConsoleFormatter>().Single(f => f.Name == (options.FormatterName ?? ConsoleFormatterNames.Simple));
        Assert.NotNull(console);

        using var writer = new StringWriter();
        formatter.Write(new LogEntry<string>(LogLevel.Information, "Roomcast.Test", new EventId(1), "the message", null, (s, _) => s),
            new LoggerExternalScopeProvider(), writer);
        return writer.ToString();
    }

    [GeneratedRegex(@"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z ")]
    private static partial Regex UtcTimestampFirst();
}
