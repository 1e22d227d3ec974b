using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Console;
using Roomcast.Hosting;

namespace Roomcast.Hosting.Logging;

/// <summary>
/// Console logs of cluster mode are JSON, one object per line, with a UTC timestamp and the scopes, so a log collector
/// can parse the lines of several silos and API nodes, merge and order them, and join them to traces: the scopes carry
/// <c>TraceId</c>, <c>SpanId</c> and <c>ParentId</c> of the current activity. Dev mode keeps the default two-line
/// layout that reads well in a terminal. <c>Logging:Console:FormatterName</c> and
/// <c>Logging:Console:FormatterOptions:TimestampFormat</c> in configuration win.
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
        logging.Services.Configure<LoggerFactoryOptions>(o =>
            o.ActivityTrackingOptions |= ActivityTrackingOptions.TraceId | ActivityTrackingOptions.SpanId | ActivityTrackingOptions.ParentId);
        // With no formatter named, the console provider copies its own (obsolete) settings over the simple formatter's
        // options; naming the formatter keeps the ones set below.
        logging.Services.PostConfigure<ConsoleLoggerOptions>(o => o.FormatterName ??= ConsoleFormatterNames.Json);
        logging.Services.PostConfigure<JsonConsoleFormatterOptions>(o =>
        {
            o.TimestampFormat ??= ClusterTimestampFormat.TrimEnd();
            o.UseUtcTimestamp = true;
            o.IncludeScopes = true;
        });
        logging.Services.PostConfigure<SimpleConsoleFormatterOptions>(o =>
        {
            o.TimestampFormat ??= ClusterTimestampFormat;
            o.UseUtcTimestamp = true;
            o.SingleLine = true;
        });
        return logging;
    }
}
