using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Roomcast.Catalog;
using Roomcast.Chat;
using Roomcast.Grains.Chat;

namespace Roomcast.Grains.Tests.Chat;

public sealed class InMemoryChatLogTests : ChatLogContract
{
    protected override Task<IChatLog> CreateLogAsync() => Task.FromResult<IChatLog>(new InMemoryChatLog(Options.Create(new ChatOptions())));

    [Fact]
    public async Task Each_session_keeps_only_its_newest_messages_and_numbering_goes_on()
    {
        var log = new InMemoryChatLog(Options.Create(new ChatOptions { DevModeMaxMessagesPerSession = 10 }));
        var session = Guid.NewGuid();
        var messages = new List<ChatMessage>();
        for (var sequence = 1; sequence <= 25; sequence++)
        {
            messages.Add(Message(session, sequence));
            await log.AppendAsync(messages[^1]);
        }

        var page = await log.ListAsync(session, PageRequest.First(100));

        Assert.Equal(Enumerable.Range(16, 10).Reverse().Select(i => (long)i), page.Items.Select(m => m.Sequence));
        Assert.Null(await log.FindAsync(session, messages[0].Id));
        Assert.Equal(25, await log.HighestSequenceAsync(session));
    }

    [Fact]
    public void The_grain_services_register_it_as_the_one_log_with_validated_options()
    {
        using var provider = new ServiceCollection().AddSingleton<IConfiguration>(new ConfigurationBuilder().Build()).AddRoomcastGrainServices().BuildServiceProvider();

        Assert.IsType<InMemoryChatLog>(provider.GetRequiredService<IChatLog>());
        Assert.Same(provider.GetRequiredService<IChatLog>(), provider.GetRequiredService<IChatLog>());
        Assert.Equal(10_000, provider.GetRequiredService<IOptions<ChatOptions>>().Value.DevModeMaxMessagesPerSession);
    }

    [Fact]
    public void Options_out_of_range_are_refused()
    {
        using var provider = new ServiceCollection().AddSingleton<IConfiguration>(new ConfigurationBuilder().Build()).AddRoomcastGrainServices()
            .Configure<ChatOptions>(o => o.BurstSize = 0).BuildServiceProvider();

        Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IOptions<ChatOptions>>().Value);
    }
}
