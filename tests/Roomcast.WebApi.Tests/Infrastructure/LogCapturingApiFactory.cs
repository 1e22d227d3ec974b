using System.Collections.Concurrent;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Logging;

namespace Roomcast.WebApi.Tests.Infrastructure;

/// <summary>The API logging everything (Trace, every category, Orleans included) into <see cref="Lines"/>.</summary>
public sealed class LogCapturingApiFactory : RoomcastApiFactory
{
    private readonly CapturingLoggerProvider _provider = new();

    public IReadOnlyCollection<string> Lines => _provider.Lines;

    protected override IEnumerable<KeyValuePair<string, string>> ExtraSettings =>
    [
        new("Logging:LogLevel:Default", "Trace"),
        new("Logging:LogLevel:Orleans", "Trace"),
        new("Logging:LogLevel:Microsoft", "Trace"),
        new("Logging:LogLevel:Microsoft.AspNetCore", "Trace"),
        new("Logging:LogLevel:Polly", "Trace"),

        // The walk presents a used refresh token at once and expects reuse detection, not a retry's answer.
        new("Auth:RefreshRetryGrace", "00:00:00"),
    ];

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureLogging(logging =>
        {
            logging.SetMinimumLevel(LogLevel.Trace);
            logging.AddProvider(_provider);
        });
    }

    private sealed class CapturingLoggerProvider : ILoggerProvider
    {
        private readonly ConcurrentQueue<string> _lines = new();

        public IReadOnlyCollection<string> Lines => _lines;

        public ILogger CreateLogger(string categoryName) => new CapturingLogger(categoryName, _lines);

        public void Dispose()
        {
        }
    }

    private sealed class CapturingLogger(string category, ConcurrentQueue<string> lines) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull
        {
            lines.Enqueue($"{category} scope: {state}");
            return null;
        }

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            lines.Enqueue($"{logLevel} {category}[{eventId.Id}]: {formatter(state, exception)} {exception} {StructuredValues(state)}");

        private static string StructuredValues<TState>(TState state) =>
            state is IEnumerable<KeyValuePair<string, object?>> values ? string.Join(", ", values.Select(v => $"{v.Key}={v.Value}")) : "";
    }
}
