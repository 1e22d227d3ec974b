namespace Roomcast.Identity;

/// <summary>The error codes of the token flows; grains and the API throw them with <c>ErrorKind.Unauthorized</c>.</summary>
public static class AuthErrorCodes
{
    public const string InvalidRefreshToken = "invalid_refresh_token";
    public const string RefreshTokenReused = "refresh_token_reused";
    public const string RefreshTokenExpired = "refresh_token_expired";
    public const string InvalidDeviceToken = "invalid_device_token";
    public const string InvalidCode = "invalid_code";
}
