using System.Text.Json;

namespace Roomcast.Testing.LiveKit;

/// <summary>
/// One request that reached the fake: the RoomService method, the JSON body as sent, the bearer token's claims (null
/// when there was none or it did not verify) and whether the token admitted the call.
/// </summary>
public sealed record FakeLiveKitCall(string Method, JsonElement Body, string? ContentType, JsonElement? Claims, bool Authorized,
    string? AuthorizationError)
{
    /// <summary>The <c>video</c> grant of the caller's token, if it had one.</summary>
    public JsonElement? Grant => Claims is { } c && c.TryGetProperty("video", out var video) ? video : null;

    public string? BodyString(string name) =>
        Body.ValueKind == JsonValueKind.Object && Body.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String
            ? value.GetString() : null;
}
