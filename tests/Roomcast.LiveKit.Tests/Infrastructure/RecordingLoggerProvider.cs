using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace Roomcast.LiveKit.Tests.Infrastructure;

public sealed record LogLine(LogLevel Level, string Category, string Message, Exception? Exception);

/// <summary>Keeps every log line of Information and above, for tests that assert on warnings.</summary>
public sealed class RecordingLoggerProvider : ILoggerProvider
{
    private readonly ConcurrentQueue<LogLine> _lines = new();

    public IReadOnlyList<LogLine> Lines => _lines.ToArray();

    public IReadOnlyList<LogLine> Warnings => Lines.Where(l => l.Level == LogLevel.Warning).ToList();

    public ILogger CreateLogger(string categoryName) => new Logger(categoryName, _lines);

    public void Dispose()
    {
    }

    private sealed class Logger(string category, ConcurrentQueue<LogLine> lines) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Information;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception,
            Func<TState, Exception?, string> formatter)
        {
            if (IsEnabled(logLevel))
            {
                lines.Enqueue(new LogLine(logLevel, category, formatter(state, exception), exception));
            }
        }
    }
}
