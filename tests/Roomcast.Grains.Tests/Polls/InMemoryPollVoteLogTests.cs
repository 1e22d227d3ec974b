using Microsoft.Extensions.DependencyInjection;
using Roomcast.Grains.Polls;
using Roomcast.Polls;

namespace Roomcast.Grains.Tests.Polls;

public sealed class InMemoryPollVoteLogTests : PollVoteLogContract
{
    protected override Task<IPollVoteLog> CreateLogAsync() => Task.FromResult<IPollVoteLog>(new InMemoryPollVoteLog());

    [Fact]
    public void The_grain_services_register_it_as_the_one_log()
    {
        using var provider = new ServiceCollection().AddRoomcastGrainServices().BuildServiceProvider();

        Assert.IsType<InMemoryPollVoteLog>(provider.GetRequiredService<IPollVoteLog>());
        Assert.Same(provider.GetRequiredService<IPollVoteLog>(), provider.GetRequiredService<IPollVoteLog>());
    }
}
