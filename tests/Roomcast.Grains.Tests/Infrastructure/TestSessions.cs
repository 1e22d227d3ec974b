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

    /// <summary>A session scheduled an hour from now: nothing falls due during a test.</summary>
    public static CreateSessionCommand FarFuture() => Command(DateTimeOffset.UtcNow.AddHours(1));

    public static async Task<(ISessionGrain Grain, SessionSnapshot Snapshot)> CreateAsync(
        IGrainFactory grains, CreateSessionCommand command)
    {
        var grain = grains.GetGrain<ISessionGrain>(Guid.NewGuid());
        return (grain, await grain.CreateAsync(command));
    }

    public static async Task<(ISessionGrain Grain, SessionSnapshot Snapshot)> CreateLiveAsync(
        IGrainFactory grains, int? maxDurationSeconds = null)
    {
        var (grain, _) = await CreateAsync(grains, Command(DateTimeOffset.UtcNow.AddHours(1), maxDurationSeconds));
        return (grain, await grain.StartAsync(null));
    }

    /// <summary>Sends a heartbeat every <paramref name="interval"/> until cancelled or until the session is no longer live.</summary>
    public static async Task KeepHostPresentAsync(ISessionGrain grain, TimeSpan interval, CancellationToken cancellationToken)
    {
        while (!cancellationToken.IsCancellationRequested)
        {
            try
            {
                await grain.HeartbeatAsync();
            }
            catch (RoomcastException e) when (e.Code == "illegal_transition")
            {
                return;
            }

            try
            {
                await Task.Delay(interval, cancellationToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }
}
