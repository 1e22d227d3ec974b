using Microsoft.Extensions.DependencyInjection;
using Orleans.Configuration;

namespace Roomcast.WebApi.Tests.Infrastructure;

/// <summary>
/// The API with session deadlines measured in seconds: an unstarted session expires 1 s after its
/// scheduled time, and the deadline reminder may tick every second.
/// </summary>
public sealed class ShortLifecycleApiFactory : RoomcastApiFactory
{
    protected override IEnumerable<KeyValuePair<string, string>> ExtraSettings =>
    [
        new("Sessions:StartGrace", "00:00:01"),
        new("Sessions:ReminderPeriod", "00:00:01"),
        new("Sessions:ReminderLead", "00:00:00"),
    ];

    protected override void ConfigureTestServices(IServiceCollection services) =>
        services.Configure<ReminderOptions>(o => o.MinimumReminderPeriod = TimeSpan.FromSeconds(1));
}
