using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Console;
using Roomcast.Hosting;

namespace Roomcast.Hosting.Logging;

/// <summary>
/// Console logs of cluster mode carry a UTC timestamp on one line each, so the lines of several silos and API nodes can
/// be merged and ordered; dev mode keeps the default two-line layout that reads well in a terminal. A
/// <c>Logging:Console:FormatterOptions:TimestampFormat</c> in configuration wins, and
/// <c>Logging:Console:FormatterName=json</c> gets timestamps too.
/// </summary>
public static class ConsoleLogging
{
    public const string ClusterTimestampFormat = "yyyy-MM-ddTHH:mm:ss.fffZ ";

    public static ILoggingBuilder AddRoomcastConsole(this ILoggingBuilder logging, RoomcastHostingOptions hosting)
    {
        if (hosting.Storage == StorageMode.Dev)
        {
            return logging;
        }

        logging.AddConsole();
        // With no formatter named, the console provider copies its own (obsolete) timestamp settings over the simple
        // formatter's options, dropping the ones set below; naming the formatter keeps them.
        logging.Services.PostConfigure<ConsoleLoggerOptions>(o => o.FormatterName ??= ConsoleFormatterNames.Simple);
        logging.Services.PostConfigure<SimpleConsoleFormatterOptions>(o =>
        {
            o.TimestampFormat ??= ClusterTimestampFormat;
            o.UseUtcTimestamp = true;
            o.SingleLine = true;
        });
        logging.Services.PostConfigure<JsonConsoleFormatterOptions>(o =>
        {
            o.TimestampFormat ??= ClusterTimestampFormat.TrimEnd();
            o.UseUtcTimestamp = true;
        });
        return logging;
    }
}
