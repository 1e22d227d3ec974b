using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Roomcast.Grains.Identity;
using Roomcast.Identity;
using Roomcast.Hosting;
using Roomcast.WebApi.Auth;
using Roomcast.WebApi.Tests.Infrastructure;

namespace Roomcast.WebApi.Tests;

/// <summary>API nodes that start at the same moment each run the bootstrap against one cluster.</summary>
[Collection(DependencyFailureCollection.Name)]
public sealed class BootstrapAdminRaceTests(FaultInjectingApiFactory api) : IDisposable
{
    [Fact]
    public async Task NodesStartingTogetherAllStartAndLeaveOneAdminProfile()
    {
        var email = $"race-{Guid.NewGuid():N}@tests.roomcast.local";
        var nodes = Enumerable.Range(0, 6).Select(_ => Bootstrap(email, "race-password")).ToList();

        await Task.WhenAll(nodes.Select(node => node.StartAsync(CancellationToken.None)));

        var profiles = UserProfilesWritten(email);
        var only = Assert.Single(profiles);
        Assert.Equal(BootstrapAdminService.UserIdFor(email), only);
        var admin = await api.LoginAsync(email, "race-password");
        Assert.Equal(only, admin.Id);
        Assert.Equal("admin", admin.Role);
    }

    [Fact]
    public async Task StartAfterAFailedProfileWriteFinishesTheAdmin()
    {
        var email = $"retry-{Guid.NewGuid():N}@tests.roomcast.local";
        api.Faults.StorageWrite = () => new Roomcast.Errors.StorageUnavailableException("down");
        api.Faults.FailWritesOf = "user";
        await Assert.ThrowsAnyAsync<Exception>(() => Bootstrap(email, "retry-password").StartAsync(CancellationToken.None));
        api.Faults.FailWritesOf = null;

        await Bootstrap(email, "retry-password").StartAsync(CancellationToken.None);

        // The address was claimed before the profile write failed; the second start completes that admin (no new id).
        var admin = await api.LoginAsync(email, "retry-password");
        Assert.Equal(BootstrapAdminService.UserIdFor(email), admin.Id);
        Assert.DoesNotContain(UserProfilesWritten(email), id => id != admin.Id);
    }

    [Fact]
    public async Task EmailHeldByAnotherUserIsLeftAloneAndStartSucceeds()
    {
        var existing = await api.CreateUserAsync("host");

        await Bootstrap(existing.Email!, "another-password").StartAsync(CancellationToken.None);

        Assert.DoesNotContain(UserProfilesWritten(existing.Email!), id => id != existing.Id);
        await api.LoginAsync(existing.Email!, existing.Password);
    }

    [Fact]
    public void AdminIdDependsOnTheNormalizedEmailOnly()
    {
        Assert.Equal(BootstrapAdminService.UserIdFor("Admin@Example.com "), BootstrapAdminService.UserIdFor("admin@example.com"));
        Assert.NotEqual(BootstrapAdminService.UserIdFor("a@example.com"), BootstrapAdminService.UserIdFor("b@example.com"));
    }

    private BootstrapAdminService Bootstrap(string email, string password)
    {
        var services = api.Services;
        return new BootstrapAdminService(
            services.GetRequiredService<IGrainFactory>(),
            services.GetRequiredService<UserAccounts>(),
            Options.Create(new BootstrapAdminOptions { Email = email, Password = password }),
            services.GetRequiredService<RoomcastHostingOptions>(),
            NullLogger<BootstrapAdminService>.Instance);
    }

    /// <summary>The distinct users whose profile with this email reached storage.</summary>
    private List<Guid> UserProfilesWritten(string email) =>
        api.Faults.Writes
            .Where(w => w.StateName == "user" && w.State is UserGrainState { Profile: { } p } && p.Email == UserAccounts.Normalize(email))
            .Select(w => ((UserGrainState)w.State!).Profile!.Id)
            .Distinct()
            .ToList();

    public void Dispose() => api.Faults.FailWritesOf = null;
}
