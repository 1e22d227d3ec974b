using System.Collections.Concurrent;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Logging;

namespace Roomcast.WebApi.Tests.Infrastructure;

/// <summary>The API keeping its warnings and errors (with their exceptions) in <see cref="Problems"/>, for "no stack trace in the log" checks.</summary>
public sealed class InputsApiFactory : RoomcastApiFactory
{
    private readonly ConcurrentQueue<string> _problems = new();

    public IReadOnlyCollection<string> Problems => _problems;

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureLogging(logging => logging.AddProvider(new ProblemLoggerProvider(_problems)));
    }

    private sealed class ProblemLoggerProvider(ConcurrentQueue<string> problems) : ILoggerProvider
    {
        public ILogger CreateLogger(string categoryName) => new ProblemLogger(categoryName, problems);

        public void Dispose()
        {
        }
    }

    private sealed class ProblemLogger(string category, ConcurrentQueue<string> problems) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Warning;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (IsEnabled(logLevel))
            {
                problems.Enqueue($"{logLevel} {category}: {formatter(state, exception)} {exception}");
            }
        }
    }
}

[CollectionDefinition(Name)]
public sealed class InputsCollection : ICollectionFixture<InputsApiFactory>
{
    public const string Name = "Hostile inputs";
}
