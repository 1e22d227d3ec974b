using Roomcast.Reminders;

namespace Roomcast.Grains.Tests.Reminders;

/// <summary>
/// What every <see cref="IRoomSubscriberLog"/> must do; one subclass per implementation. This file is also compiled
/// into Roomcast.Postgres.Tests, where <see cref="SubscriberLogFactAttribute"/> skips the facts without PostgreSQL.
/// </summary>
public abstract class RoomSubscriberLogContract : IAsyncLifetime
{
    protected static readonly DateTimeOffset T0 = new(2025, 3, 1, 12, 0, 0, TimeSpan.Zero);

    private IRoomSubscriberLog? _log;

    protected IRoomSubscriberLog Log => _log ?? throw new InvalidOperationException("Not initialized.");

    protected abstract Task<IRoomSubscriberLog> CreateLogAsync();

    public async Task InitializeAsync() => _log = await CreateLogAsync();

    public virtual Task DisposeAsync() => Task.CompletedTask;

    [SubscriberLogFact]
    public async Task Subscribing_twice_is_one_subscription_that_keeps_the_first_time()
    {
        var room = Guid.NewGuid();
        var user = Guid.NewGuid();

        var first = await Log.SubscribeAsync(room, user, T0);
        var second = await Log.SubscribeAsync(room, user, T0.AddHours(1));

        Assert.Equal(new RoomSubscription(room, user, T0), first);
        Assert.Equal(first, second);
        Assert.Equal(first, await Log.GetAsync(room, user));
        Assert.Equal([user], await Log.ListSubscriberIdsAsync(room, null, null, 10));
    }

    [SubscriberLogFact]
    public async Task Unsubscribing_removes_the_subscription_once()
    {
        var room = Guid.NewGuid();
        var user = Guid.NewGuid();
        await Log.SubscribeAsync(room, user, T0);

        Assert.True(await Log.UnsubscribeAsync(room, user));
        Assert.False(await Log.UnsubscribeAsync(room, user));
        Assert.Null(await Log.GetAsync(room, user));
        Assert.Empty(await Log.ListSubscriberIdsAsync(room, null, null, 10));
    }

    [SubscriberLogFact]
    public async Task A_subscription_belongs_to_its_room_only()
    {
        var room = Guid.NewGuid();
        var other = Guid.NewGuid();
        var user = Guid.NewGuid();
        await Log.SubscribeAsync(room, user, T0);

        Assert.Null(await Log.GetAsync(other, user));
        Assert.Empty(await Log.ListSubscriberIdsAsync(other, null, null, 10));
        Assert.False(await Log.UnsubscribeAsync(other, user));
    }

    [SubscriberLogFact]
    public async Task Keyset_pages_cover_every_subscriber_once_in_subscriber_order()
    {
        var room = Guid.NewGuid();
        var users = Enumerable.Range(0, 25).Select(_ => Guid.NewGuid()).ToList();
        foreach (var user in users)
        {
            await Log.SubscribeAsync(room, user, T0);
        }

        var read = new List<Guid>();
        Guid? after = null;
        while (await Log.ListSubscriberIdsAsync(room, after, null, 7) is { Count: > 0 } page)
        {
            Assert.True(page.Count <= 7);
            read.AddRange(page);
            after = page[^1];
        }

        Assert.Equal(users.Order(SubscriberOrder.Comparer), read);
    }

    [SubscriberLogFact]
    public async Task A_range_read_stops_at_its_upper_bound_inclusive()
    {
        var room = Guid.NewGuid();
        var users = Enumerable.Range(0, 10).Select(_ => Guid.NewGuid()).Order(SubscriberOrder.Comparer).ToList();
        foreach (var user in users)
        {
            await Log.SubscribeAsync(room, user, T0);
        }

        var range = await Log.ListSubscriberIdsAsync(room, users[2], users[6], int.MaxValue);

        Assert.Equal(users[3..7], range);
    }
}
