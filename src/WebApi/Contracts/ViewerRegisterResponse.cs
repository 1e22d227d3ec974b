namespace Roomcast.WebApi.Contracts;

/// <summary>The <see cref="AuthResponse"/> of a new viewer, plus the device token it signs in with later (shown once).</summary>
public sealed record ViewerRegisterResponse(
    string AccessToken, string TokenType, int ExpiresIn, string RefreshToken, int RefreshExpiresIn, UserResponse User, string DeviceToken)
{
    public static ViewerRegisterResponse From(AuthResponse auth, string deviceToken) =>
        new(auth.AccessToken, auth.TokenType, auth.ExpiresIn, auth.RefreshToken, auth.RefreshExpiresIn, auth.User, deviceToken);
}
