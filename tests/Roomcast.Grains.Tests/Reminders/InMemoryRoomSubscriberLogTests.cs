using Microsoft.Extensions.DependencyInjection;
using Roomcast.Grains.Reminders;
using Roomcast.Reminders;

namespace Roomcast.Grains.Tests.Reminders;

public sealed class InMemoryRoomSubscriberLogTests : RoomSubscriberLogContract
{
    protected override Task<IRoomSubscriberLog> CreateLogAsync() => Task.FromResult<IRoomSubscriberLog>(new InMemoryRoomSubscriberLog());

    [Fact]
    public void The_grain_services_register_it_and_the_webhook_notifier()
    {
        var services = new ServiceCollection().AddLogging().AddRoomcastGrainServices();
        using var provider = services.BuildServiceProvider();

        Assert.IsType<InMemoryRoomSubscriberLog>(provider.GetRequiredService<IRoomSubscriberLog>());
        Assert.Equal(typeof(WebhookReminderNotifier), Assert.Single(services, d => d.ServiceType == typeof(IReminderNotifier)).ImplementationType);
    }
}
