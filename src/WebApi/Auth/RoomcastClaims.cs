namespace Roomcast.WebApi.Auth;

/// <summary>Claim names in Roomcast access tokens (registered JWT names, kept unmapped).</summary>
public static class RoomcastClaims
{
    public const string Subject = "sub";
    public const string Email = "email";
    public const string Role = "role";
    public const string Name = "name";

    /// <summary>The library (tenant) the caller belongs to.</summary>
    public const string Library = "lib";
}
