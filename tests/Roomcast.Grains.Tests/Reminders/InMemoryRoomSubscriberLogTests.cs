using Microsoft.Extensions.DependencyInjection;
using Roomcast.Grains.Reminders;
using Roomcast.Reminders;

namespace Roomcast.Grains.Tests.Reminders;

public sealed class InMemoryRoomSubscriberLogTests : RoomSubscriberLogContract
{
    protected override Task<IRoomSubscriberLog> CreateLogAsync() => Task.FromResult<IRoomSubscriberLog>(new InMemoryRoomSubscriberLog());

    [Fact]
    public void The_grain_services_register_it_and_the_log_sink()
    {
        using var provider = new ServiceCollection().AddLogging().AddRoomcastGrainServices().BuildServiceProvider();

        Assert.IsType<InMemoryRoomSubscriberLog>(provider.GetRequiredService<IRoomSubscriberLog>());
        Assert.IsType<LoggingReminderNotifier>(provider.GetRequiredService<IReminderNotifier>());
    }
}
