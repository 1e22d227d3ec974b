using System.Collections.Concurrent;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Logging;

namespace Roomcast.WebApi.Tests.Infrastructure;

/// <summary>The API keeping its warnings and errors (with their exceptions) in <see cref="Problems"/>, for "no stack trace in the log" checks.</summary>
public sealed class InputsApiFactory : RoomcastApiFactory
{
    private readonly ConcurrentQueue<LogLine> _problems = new();

    public IReadOnlyCollection<string> Problems =>
        _problems.Select(line => $"{line.Level} {line.Category}: {line.Message} {line.Exception}").ToList();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureLogging(logging => logging.AddProvider(new RecordingLoggerProvider(_problems)));
    }
}

[CollectionDefinition(Name)]
public sealed class InputsCollection : ICollectionFixture<InputsApiFactory>
{
    public const string Name = "Hostile inputs";
}
