using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Roomcast.Audience;
using Roomcast.Catalog;
using Roomcast.Chat;
using Roomcast.Grains.Audience;
using Roomcast.Grains.Catalog;
using Roomcast.Grains.Chat;
using Roomcast.Grains.Expiry;
using Roomcast.Grains.Identity;
using Roomcast.Grains.Media;
using Roomcast.Grains.Recordings;
using Roomcast.Grains.Polls;
using Roomcast.Grains.Quotas;
using Roomcast.Grains.Sessions;
using Roomcast.Grains.Telemetry;
using Roomcast.Grains.Webhooks;
using Roomcast.Polls;
using Roomcast.Webhooks;
using Roomcast.Grains.Reminders;
using Roomcast.Reminders;

namespace Roomcast.Grains;

public static class GrainServiceCollectionExtensions
{
    /// <summary>Registers what the grains need that is not storage: options, the clock, and (unless already registered) the in-memory catalogs (sessions, rooms, recordings), attendance log, poll vote log, chat log and room subscriber log, and the log sink of reminder notices.</summary>
    public static IServiceCollection AddRoomcastGrainServices(this IServiceCollection services)
    {
        services.AddOptions<Roomcast.Grains.Webhooks.WebhookOptions>()
            .BindConfiguration(Roomcast.Grains.Webhooks.WebhookOptions.SectionName)
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.AddOptions<SessionLifecycleOptions>()
            .BindConfiguration(SessionLifecycleOptions.SectionName)
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.AddOptions<ExpiryOptions>()
            .BindConfiguration(ExpiryOptions.SectionName)
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.AddOptions<AttendanceOptions>()
            .BindConfiguration(AttendanceOptions.SectionName)
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.AddOptions<ChatOptions>()
            .BindConfiguration(ChatOptions.SectionName)
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.AddOptions<QuotaOptions>()
            .BindConfiguration(QuotaOptions.SectionName)
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.AddOptions<MediaOptions>()
            .BindConfiguration(MediaOptions.SectionName)
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.AddOptions<RecordingOptions>()
            .BindConfiguration(RecordingOptions.SectionName)
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.AddOptions<RoomReminderOptions>()
            .BindConfiguration(RoomReminderOptions.SectionName)
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.TryAddSingleton(TimeProvider.System);
        // The event hub hands events to it; disabled (Centrifugo:ApiUrl unset) unless the host adds Centrifugo publishing.
        services.TryAddSingleton<Roomcast.Centrifugo.CentrifugoSessionEventQueue>();
        services.AddMetrics();
        services.TryAddSingleton<RoomcastMetrics>();
        services.TryAddKeyedSingleton<TimeProvider>(IdentityClock.Key, (provider, _) => provider.GetRequiredService<TimeProvider>());
        services.TryAddSingleton<ISessionCatalog, InMemorySessionCatalog>();
        services.TryAddSingleton<IRoomCatalog, InMemoryRoomCatalog>();
        services.TryAddSingleton<IRecordingCatalog, InMemoryRecordingCatalog>();
        services.TryAddSingleton<IAttendanceLog, InMemoryAttendanceLog>();
        services.TryAddSingleton<IPollVoteLog, InMemoryPollVoteLog>();
        services.TryAddSingleton<IChatLog, InMemoryChatLog>();
        services.TryAddSingleton<IRoomSubscriberLog, InMemoryRoomSubscriberLog>();
        // Reminder notices become reminder.due/reminder.live webhooks (and log lines, the dev-mode sink).
        services.TryAddSingleton<LoggingReminderNotifier>();
        services.TryAddSingleton<IReminderNotifier, WebhookReminderNotifier>();
        services.TryAddSingleton<IWebhookOutbox, InMemoryWebhookOutbox>();
        return services;
    }
}
