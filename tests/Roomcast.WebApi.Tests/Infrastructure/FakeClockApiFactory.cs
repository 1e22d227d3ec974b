using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Roomcast.Grains.Identity;

namespace Roomcast.WebApi.Tests.Infrastructure;

/// <summary>
/// The API with a fake identity clock: code and refresh-token deadlines follow <see cref="Clock"/>, which a test
/// advances; access tokens, sessions and Orleans itself keep the real clock.
/// </summary>
public sealed class FakeClockApiFactory : RoomcastApiFactory
{
    public FakeTimeProvider Clock { get; } = new(DateTimeOffset.UtcNow);

    protected override void ConfigureTestServices(IServiceCollection services) =>
        services.AddKeyedSingleton<TimeProvider>(IdentityClock.Key, Clock);
}
