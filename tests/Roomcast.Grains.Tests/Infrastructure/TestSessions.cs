using Roomcast.Libraries;
using Roomcast.Errors;
using Roomcast.Sessions;

namespace Roomcast.Grains.Tests.Infrastructure;

/// <summary>Builders and small helpers shared by the session tests.</summary>
public static class TestSessions
{
    public static CreateSessionCommand Command(DateTimeOffset scheduledAt, int? maxDurationSeconds = null, Guid? roomId = null) =>
        new(
            RoomId: roomId ?? Guid.NewGuid(),
            HostId: Guid.NewGuid(),
            CreatedBy: Guid.NewGuid(),
            Name: "Test session",
            Description: null,
            Type: SessionType.Webinar,
            Visibility: Visibility.Public,
            ScheduledAt: scheduledAt,
            Settings: SessionSettings.DefaultsFor(SessionType.Webinar),
            MaxDurationSeconds: maxDurationSeconds,
            RemoveMedia: false,
            Product: "roomcast",
            LibraryId: DefaultLibrary.Id);

    /// <summary>A session scheduled a day from the clock's now: nothing falls due during a test.</summary>
    public static CreateSessionCommand FarFuture(TimeProvider clock) => Command(clock.GetUtcNow().AddDays(1));

    public static async Task<(ISessionGrain Grain, SessionSnapshot Snapshot)> CreateAsync(
        IGrainFactory grains, CreateSessionCommand command)
    {
        var grain = grains.GetGrain<ISessionGrain>(Guid.NewGuid());
        return (grain, await grain.CreateAsync(command));
    }

    public static async Task<(ISessionGrain Grain, SessionSnapshot Snapshot)> CreateLiveAsync(
        IGrainFactory grains, TimeProvider clock, int? maxDurationSeconds = null)
    {
        var (grain, _) = await CreateAsync(grains, Command(clock.GetUtcNow().AddDays(1), maxDurationSeconds));
        return (grain, await grain.StartAsync(null));
    }
}
