using System.Collections.Concurrent;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Logging;

namespace Roomcast.WebApi.Tests.Infrastructure;

/// <summary>The API with <c>Dashboard:AllowAnonymous=true</c>, keeping its warnings.</summary>
public sealed class AnonymousDashboardApiFactory : RoomcastApiFactory
{
    private readonly WarningCollector _warnings = new();

    public IReadOnlyCollection<string> Warnings => _warnings.Lines;

    protected override IEnumerable<KeyValuePair<string, string>> ExtraSettings => [new("Dashboard:AllowAnonymous", "true")];

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureLogging(logging => logging.AddProvider(_warnings));
    }

    private sealed class WarningCollector : ILoggerProvider, ILogger
    {
        private readonly ConcurrentQueue<string> _lines = new();

        public IReadOnlyCollection<string> Lines => _lines;

        public ILogger CreateLogger(string categoryName) => this;

        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Warning;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (IsEnabled(logLevel))
            {
                _lines.Enqueue(formatter(state, exception));
            }
        }

        public void Dispose()
        {
        }
    }
}

[CollectionDefinition(Name)]
public sealed class DashboardCollection : ICollectionFixture<RoomcastApiFactory>
{
    public const string Name = "Dashboard";
}

[CollectionDefinition(Name)]
public sealed class AnonymousDashboardCollection : ICollectionFixture<AnonymousDashboardApiFactory>
{
    public const string Name = "Anonymous dashboard";
}
