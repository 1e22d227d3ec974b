using Roomcast.Errors;
using Roomcast.Identity;
using Roomcast.Libraries;

namespace Roomcast.WebApi.Auth;

/// <summary>Viewers who sign in with a server-made device token instead of an email and a password.</summary>
public sealed class DeviceAccounts(IGrainFactory grains)
{
    /// <summary>Creates a viewer in <paramref name="libraryId"/> and the device token bound to it (returned once, stored only as a hash).</summary>
    public async Task<(UserProfile User, string DeviceToken)> RegisterViewerAsync(string displayName, Guid libraryId)
    {
        if (await grains.GetGrain<ILibraryGrain>(libraryId).FindAsync() is null)
        {
            throw new RoomcastException(ErrorKind.Validation, "validation_failed", "library_id is not a known library.",
                [new FieldError("library_id", "is not a known library")]);
        }

        var user = await grains.GetGrain<IUserGrain>(Guid.NewGuid()).CreateAsync(new NewUser(null, displayName, UserRole.Viewer, libraryId));
        var deviceToken = SecretTokens.New();
        await grains.GetGrain<IDeviceIdentityGrain>(SecretTokens.Hash(deviceToken)).BindAsync(user.Id);
        return (user, deviceToken);
    }

    /// <summary>The user a device token is bound to; unauthorized <c>invalid_device_token</c> otherwise.</summary>
    public async Task<Guid> FindUserAsync(string deviceToken) =>
        SecretTokens.IsWellFormed(deviceToken)
        && await grains.GetGrain<IDeviceIdentityGrain>(SecretTokens.Hash(deviceToken)).FindAsync() is { } userId
            ? userId
            : throw InvalidDeviceToken();

    public static RoomcastException InvalidDeviceToken() =>
        new(ErrorKind.Unauthorized, AuthErrorCodes.InvalidDeviceToken, "The device token is not valid.");
}
