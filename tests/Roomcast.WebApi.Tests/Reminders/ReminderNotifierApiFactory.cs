using System.Collections.Concurrent;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Roomcast.Reminders;
using Roomcast.WebApi.Tests.Infrastructure;

namespace Roomcast.WebApi.Tests.Reminders;

/// <summary>The API host with its reminder notices kept in <see cref="Notices"/> instead of logged.</summary>
public sealed class ReminderNotifierApiFactory : RoomcastApiFactory
{
    private readonly KeepingNotifier _notifier = new();

    public IReadOnlyCollection<ReminderNotification> Notices => _notifier.Notices;

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        // Registered after the host's own: the last registration is the one resolved.
        builder.ConfigureServices(services => services.AddSingleton<IReminderNotifier>(_notifier));
    }

    private sealed class KeepingNotifier : IReminderNotifier
    {
        private readonly ConcurrentQueue<ReminderNotification> _notices = new();

        public IReadOnlyCollection<ReminderNotification> Notices => [.. _notices];

        public Task NotifyAsync(ReminderNotification notification, CancellationToken cancellationToken = default)
        {
            _notices.Enqueue(notification);
            return Task.CompletedTask;
        }
    }
}

[CollectionDefinition(Name)]
public sealed class ReminderNoticesCollection : ICollectionFixture<ReminderNotifierApiFactory>
{
    public const string Name = "Reminder notices API";
}
