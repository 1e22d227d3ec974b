using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Orleans.Hosting;
using Orleans.TestingHost;
using Roomcast.Grains.Identity;
using Roomcast.Silo.Hosting;

namespace Roomcast.Grains.Tests.Infrastructure;

/// <summary>
/// One dev-mode silo whose identity clock (token and code deadlines) is <see cref="Clock"/>, a fake a test
/// advances; Orleans' own timers and reminders keep the real clock.
/// </summary>
public sealed class FakeClockClusterFixture : IAsyncLifetime
{
    private InProcessTestCluster? _cluster;

    public FakeTimeProvider Clock { get; } = new(DateTimeOffset.UtcNow);

    public IClusterClient Client => (_cluster ?? throw new InvalidOperationException("The cluster is not deployed.")).Client;

    public async Task InitializeAsync()
    {
        var builder = new InProcessTestClusterBuilder(initialSilosCount: 1);
        builder.Options.ConfigureFileLogging = false;
        builder.ConfigureSiloHost((_, host) => host.Configuration.AddInMemoryCollection(new Dictionary<string, string?> { ["Storage"] = "Dev" }));
        builder.ConfigureSilo((_, silo) =>
        {
            silo.AddRoomcast(silo.Configuration);
            silo.Services.AddKeyedSingleton<TimeProvider>(IdentityClock.Key, Clock);
        });

        _cluster = builder.Build();
        await _cluster.DeployAsync();
    }

    public async Task DisposeAsync()
    {
        if (_cluster is not null)
        {
            await _cluster.DisposeAsync();
        }
    }
}

/// <summary>Identity deadlines on the fake clock.</summary>
[CollectionDefinition(Name)]
public sealed class IdentityClockCollection : ICollectionFixture<FakeClockClusterFixture>
{
    public const string Name = "Identity cluster on a fake clock";
}
