using Microsoft.Extensions.DependencyInjection;
using Roomcast.Catalog;
using Roomcast.Chat;
using Roomcast.Persistence.Postgres.Chat;
using Roomcast.Postgres.Tests.Infrastructure;
using Roomcast.Sessions;

namespace Roomcast.Postgres.Tests.Cluster;

/// <summary>A session's chat in cluster mode: its rows in PostgreSQL, its numbering carried across a full restart of the silos.</summary>
public sealed class PostgresChatClusterTests
{
    [PostgresFact]
    public async Task Numbering_continues_from_the_stored_rows_after_every_silo_is_replaced()
    {
        await using var database = await TestDatabase.CreateAsync(migrate: false);
        var builder = PostgresTestClusters.Builder(PostgresTestClusters.Configuration(database), silos: 1);
        await using var cluster = builder.Build();
        await cluster.DeployAsync();

        var sessionId = Guid.NewGuid();
        var host = Guid.NewGuid();
        ChatSend Send(string text) => new(host, "Host", text, MayChatWithoutJoining: true, SessionState.Live, ChatEnabled: true);
        var chat = cluster.Client.GetGrain<ISessionChatGrain>(sessionId);
        var first = await chat.SendAsync(Send("one"));
        var second = await chat.SendAsync(Send("two"));
        await chat.DeleteAsync(new ChatDeletion(second.Id, host, MayDeleteAnyMessage: false));

        await cluster.StartAdditionalSiloAsync();
        await cluster.StopSiloAsync(cluster.Silos[0]);
        await cluster.WaitForLivenessToStabilizeAsync();
        var third = await PostgresTestClusters.RetryAsync(
            () => cluster.Client.GetGrain<ISessionChatGrain>(sessionId).SendAsync(Send("three")), TimeSpan.FromSeconds(30));

        Assert.Equal(3, third.Sequence);
        var log = cluster.Client.ServiceProvider.GetRequiredService<IChatLog>();
        Assert.IsType<PostgresChatLog>(log);
        Assert.Equal([third, first], (await log.ListAsync(sessionId, PageRequest.First())).Items);
    }
}
