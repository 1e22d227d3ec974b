using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Console;
using Microsoft.Extensions.Options;
using Roomcast.Silo.Hosting;
using Roomcast.Silo.Logging;

namespace Roomcast.WebApi.Tests;

/// <summary>Console log lines of cluster mode carry a UTC timestamp; dev mode keeps the default layout.</summary>
public sealed class ConsoleLoggingTests
{
    [Fact]
    public void ClusterModeConsoleLinesCarryUtcTimestamps()
    {
        var options = ConsoleOptions(StorageMode.Postgres);

        Assert.Equal(ConsoleLogging.ClusterTimestampFormat, options.TimestampFormat);
        Assert.True(options.UseUtcTimestamp);
        Assert.True(options.SingleLine);
    }

    [Fact]
    public void DevModeConsoleKeepsTheDefaultLayout()
    {
        var options = ConsoleOptions(StorageMode.Dev);

        Assert.Null(options.TimestampFormat);
        Assert.False(options.SingleLine);
    }

    [Fact]
    public void ConfiguredTimestampFormatWinsInClusterMode()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Logging:Console:FormatterOptions:TimestampFormat"] = "HH:mm:ss ",
        }).Build();

        var options = ConsoleOptions(StorageMode.Postgres, configuration);

        Assert.Equal("HH:mm:ss ", options.TimestampFormat);
    }

    private static SimpleConsoleFormatterOptions ConsoleOptions(StorageMode storage, IConfiguration? configuration = null)
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
        return provider.GetRequiredService<IOptionsMonitor<SimpleConsoleFormatterOptions>>().CurrentValue;
    }
}
