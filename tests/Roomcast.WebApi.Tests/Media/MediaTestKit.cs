using System.Net.Http.Headers;
using System.Text.Json;
using Roomcast.Testing.LiveKit;
using Roomcast.WebApi.Tests.Infrastructure;

namespace Roomcast.WebApi.Tests.Media;

/// <summary>What the media tests share: sessions in each state, the media routes, and reading the fake LiveKit's record.</summary>
public static class MediaTestKit
{
    public static string RoomOf(Guid sessionId) => $"session-{sessionId:D}";

    public static async Task<(TestUser Host, SessionDto Session)> ScheduledAsync(this RoomcastApiFactory api, string visibility = "public")
    {
        var (host, _, session) = await api.CreateHostWithSessionAsync(visibility);
        return (host, session);
    }

    public static async Task<(TestUser Host, SessionDto Session)> LiveAsync(this RoomcastApiFactory api, string visibility = "public")
    {
        var (host, session) = await api.ScheduledAsync(visibility);
        return (host, await api.StartSessionAsync(host, session.Id));
    }

    /// <summary>A live session whose HLS egress was started through go_live.</summary>
    public static async Task<(TestUser Host, SessionDto Session, StreamDto Stream)> GoneLiveAsync(this RoomcastApiFactory api, string visibility = "public")
    {
        var (host, session) = await api.ScheduledAsync(visibility);
        var live = await (await host.Client.PostAsync($"/v1/sessions/{session.Id}/go_live", null)).ShouldSucceedAsync<GoLiveDto>();
        return (host, live.Session, live.Stream);
    }

    public static Task<HttpResponseMessage> PostAsync(this TestUser user, string path) => user.Client.PostAsync(path, null);

    public static async Task<StreamHealthDto> HealthAsync(this TestUser user, Guid sessionId) =>
        await (await user.Client.GetAsync($"/v1/sessions/{sessionId}/stream_health")).ShouldSucceedAsync<StreamHealthDto>();

    /// <summary>A client with a viewer token for a user who need not exist.</summary>
    public static HttpClient ViewerClient(this RoomcastApiFactory api, Guid userId, Guid libraryId)
    {
        var client = api.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", Tokens.ForViewer(userId, libraryId, "Media Viewer"));
        return client;
    }

    public static IReadOnlyList<FakeLiveKitCall> CallsFor(this FakeLiveKitServer liveKit, string method, Guid sessionId) =>
        liveKit.Calls.Where(c => c.Method == method && c.Authorized && TargetsRoom(c, RoomOf(sessionId))).ToList();

    public static IReadOnlyList<FakeEgress> EgressesOf(this FakeLiveKitServer liveKit, Guid sessionId) =>
        liveKit.Egresses.Where(e => e.RoomName == RoomOf(sessionId)).ToList();

    private static bool TargetsRoom(FakeLiveKitCall call, string room) =>
        call.BodyString("room_name") == room || call.BodyString("roomName") == room || call.BodyString("name") == room
        || call.BodyString("room") == room;

    public static JsonElement Property(this JsonElement element, params string[] names)
    {
        foreach (var name in names)
        {
            if (element.TryGetProperty(name, out var value))
            {
                return value;
            }
        }

        throw new Xunit.Sdk.XunitException($"none of {string.Join(", ", names)} in {element}");
    }
}
