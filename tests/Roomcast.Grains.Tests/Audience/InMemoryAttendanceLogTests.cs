using Microsoft.Extensions.DependencyInjection;
using Roomcast.Audience;
using Roomcast.Grains.Audience;

namespace Roomcast.Grains.Tests.Audience;

public sealed class InMemoryAttendanceLogTests : AttendanceLogContract
{
    protected override Task<IAttendanceLog> CreateLogAsync() => Task.FromResult<IAttendanceLog>(new InMemoryAttendanceLog());

    [Fact]
    public void The_grain_services_register_it_as_the_one_log()
    {
        using var provider = new ServiceCollection().AddRoomcastGrainServices().BuildServiceProvider();

        Assert.IsType<InMemoryAttendanceLog>(provider.GetRequiredService<IAttendanceLog>());
        Assert.Same(provider.GetRequiredService<IAttendanceLog>(), provider.GetRequiredService<IAttendanceLog>());
    }
}
