using Roomcast.Errors;
using Roomcast.Presets;
using Roomcast.Rooms;
using Roomcast.Sessions;
using Roomcast.WebApi.Auth;
using Roomcast.WebApi.Contracts;
using Roomcast.WebApi.Infrastructure;

namespace Roomcast.WebApi.Apis;

/// <summary>
/// The settings a new session starts with. Each one comes from the first that has it: the request's own fields
/// (<c>settings.*</c>, <c>max_duration_seconds</c>), then the preset (the one named by <c>preset_id</c>, else the room
/// owner's default), then the session type's defaults and the deployment's maximum duration.
/// </summary>
public static class SessionSettingsResolver
{
    public static async Task<(SessionSettings Settings, int? MaxDurationSeconds)> ResolveAsync(
        CreateSessionRequest request, RoomSnapshot room, Caller caller, GrainReferences grains)
    {
        var preset = await PresetOfAsync(request.PresetId, room, caller, grains);
        return Resolve(request.ParseType(), request.Settings, request.MaxDurationSeconds, preset);
    }

    public static (SessionSettings Settings, int? MaxDurationSeconds) Resolve(
        SessionType type, SessionSettingsRequest? requested, int? requestedMaxDurationSeconds, PresetSnapshot? preset)
    {
        var baseline = preset?.Settings ?? SessionSettings.DefaultsFor(type);
        var settings = requested?.ToPatch().ApplyTo(baseline) ?? baseline;
        return (settings, requestedMaxDurationSeconds ?? preset?.MaxDurationSeconds);
    }

    /// <summary>
    /// The named preset, which must be in the room's library and belong to the room's owner (the session's host) or
    /// to the caller; without a name, the room owner's default when it is in the room's library.
    /// </summary>
    private static async Task<PresetSnapshot?> PresetOfAsync(Guid? presetId, RoomSnapshot room, Caller caller, GrainReferences grains)
    {
        if (presetId is not { } id)
        {
            var fallback = await grains.Get<IPresetShelfGrain>(room.OwnerId).FindDefaultAsync();
            return fallback?.LibraryId == room.LibraryId ? fallback : null;
        }

        var preset = await grains.Get<IPresetGrain>(id).FindAsync();
        return preset is not null && preset.LibraryId == room.LibraryId && (preset.OwnerId == room.OwnerId || preset.OwnerId == caller.UserId)
            ? preset
            : throw RoomcastException.Invalid("preset_id", "names no preset of the room's owner or yours in the room's library");
    }
}
