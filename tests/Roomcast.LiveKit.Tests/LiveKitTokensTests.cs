using System.Text.Json;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using Roomcast.LiveKit.Tests.Infrastructure;

namespace Roomcast.LiveKit.Tests;

/// <summary>
/// The token against LiveKit's published shape: header {"alg":"HS256","typ":"JWT"}; claims iss (API key), sub
/// (identity), name, nbf/exp (whole seconds), jti, and video with VideoGrant's lowerCamelCase names.
/// </summary>
public sealed class LiveKitTokensTests
{
    private const string Key = "APIroomcast";
    private const string Secret = "0123456789abcdef0123456789abcdef-secret";
    private static readonly DateTimeOffset Now = new(2026, 3, 14, 15, 9, 26, 535, TimeSpan.Zero);

    private readonly FakeTimeProvider _clock = new(Now);

    private LiveKitTokens Tokens(TimeSpan? lifetime = null) => new(Options.Create(new LiveKitOptions
    {
        Url = "wss://livekit.example.test",
        ApiKey = Key,
        ApiSecret = Secret,
        TokenLifetime = lifetime ?? TimeSpan.FromMinutes(10),
    }), _clock);

    private static readonly string Room = LiveKitRoomNames.ForSession(Guid.Parse("6f9619ff-8b86-d011-b42d-00c04fc964ff"));

    [Fact]
    public void AViewerTokenIsExactlyLiveKitsShape()
    {
        var token = Tokens().Issue(new LiveKitParticipant("user-42", "Ada"),
            new LiveKitVideoGrant(Room, RoomJoin: true, CanPublish: false, CanSubscribe: true, CanPublishData: false, Hidden: false));

        var jwt = Jwt.Parse(token.Jwt);
        Assert.Equal("""{"alg":"HS256","typ":"JWT"}""", jwt.HeaderJson);
        var nbf = Now.ToUnixTimeSeconds();
        var jti = jwt.Payload.GetProperty("jti").GetString();
        Assert.Equal(
            $$$"""{"iss":"APIroomcast","sub":"user-42","name":"Ada","nbf":{{{nbf}}},"exp":{{{nbf + 600}}},"jti":"{{{jti}}}","video":{"room":"session-6f9619ff-8b86-d011-b42d-00c04fc964ff","roomJoin":true,"canPublish":false,"canSubscribe":true,"canPublishData":false,"hidden":false}}""",
            jwt.PayloadJson);
        Assert.True(jwt.SignedWith(Secret));
        Assert.False(jwt.SignedWith(Secret + "x"));
    }

    [Fact]
    public void AStageTokenNamesItsSourcesBetweenCanPublishDataAndHidden()
    {
        var token = Tokens().Issue(new LiveKitParticipant("user-43", "Lin"),
            new LiveKitVideoGrant(Room, RoomJoin: true, CanPublish: true, CanSubscribe: true, CanPublishData: true, Hidden: false)
            {
                CanPublishSources = [LiveKitTrackSources.Camera, LiveKitTrackSources.Microphone],
            });

        var jwt = Jwt.Parse(token.Jwt);
        var nbf = Now.ToUnixTimeSeconds();
        var jti = jwt.Payload.GetProperty("jti").GetString();
        Assert.Equal(
            $$$"""{"iss":"APIroomcast","sub":"user-43","name":"Lin","nbf":{{{nbf}}},"exp":{{{nbf + 600}}},"jti":"{{{jti}}}","video":{"room":"session-6f9619ff-8b86-d011-b42d-00c04fc964ff","roomJoin":true,"canPublish":true,"canSubscribe":true,"canPublishData":true,"canPublishSources":["camera","microphone"],"hidden":false}}""",
            jwt.PayloadJson);
        Assert.True(jwt.SignedWith(Secret));
    }

    [Fact]
    public void AnEmptySourceListIsWrittenAsAnEmptyArrayAndNoListIsLeftOut()
    {
        var none = Jwt.Parse(Tokens().Issue(new LiveKitParticipant("user-44", null),
            new LiveKitVideoGrant(Room, true, false, true, true, false) { CanPublishSources = [] }).Jwt).Payload.GetProperty("video");
        var unset = Jwt.Parse(Tokens().Issue(new LiveKitParticipant("user-44", null),
            new LiveKitVideoGrant(Room, true, true, true, true, false)).Jwt).Payload.GetProperty("video");

        Assert.Equal("[]", none.GetProperty("canPublishSources").GetRawText());
        Assert.False(unset.TryGetProperty("canPublishSources", out _));
    }

    [Fact]
    public void AHiddenMonitorTokenSaysHiddenAndPublishesNothing()
    {
        var token = Tokens().Issue(new LiveKitParticipant("monitor-1", null),
            new LiveKitVideoGrant(Room, RoomJoin: true, CanPublish: false, CanSubscribe: true, CanPublishData: false, Hidden: true));

        var payload = Jwt.Parse(token.Jwt).Payload;
        Assert.False(payload.TryGetProperty("name", out _)); // a null name is left out, not written as null
        Assert.Equal("monitor-1", payload.GetProperty("sub").GetString());
        var video = payload.GetProperty("video");
        Assert.Equal(JsonValueKind.True, video.GetProperty("hidden").ValueKind);
        Assert.Equal(JsonValueKind.True, video.GetProperty("roomJoin").ValueKind);
        Assert.Equal(JsonValueKind.False, video.GetProperty("canPublish").ValueKind);
        Assert.Equal(JsonValueKind.True, video.GetProperty("canSubscribe").ValueKind);
        Assert.Equal(JsonValueKind.False, video.GetProperty("canPublishData").ValueKind);
        Assert.Equal(Room, video.GetProperty("room").GetString());
    }

    [Fact]
    public void ClaimTypesAreLiveKits()
    {
        var payload = Jwt.Parse(Tokens().Issue(new LiveKitParticipant("host-1", "Host"),
            new LiveKitVideoGrant(Room, true, true, true, true, false)).Jwt).Payload;

        Assert.Equal(["iss", "sub", "name", "nbf", "exp", "jti", "video"], payload.EnumerateObject().Select(p => p.Name));
        foreach (var claim in new[] { "iss", "sub", "name", "jti" })
        {
            Assert.Equal(JsonValueKind.String, payload.GetProperty(claim).ValueKind);
        }
        foreach (var claim in new[] { "nbf", "exp" })
        {
            Assert.Equal(JsonValueKind.Number, payload.GetProperty(claim).ValueKind);
            Assert.True(payload.GetProperty(claim).TryGetInt64(out _), $"{claim} is a whole number of seconds");
        }
        Assert.Equal(["room", "roomJoin", "canPublish", "canSubscribe", "canPublishData", "hidden"],
            payload.GetProperty("video").EnumerateObject().Select(p => p.Name));
    }

    [Fact]
    public void ExpiryIsNotBeforePlusTheLifetimeOnTheClock()
    {
        var tokens = Tokens(TimeSpan.FromMinutes(3));
        var first = tokens.Issue(new LiveKitParticipant("u", null), new LiveKitVideoGrant(Room, true, false, true, false, false));
        _clock.Advance(TimeSpan.FromHours(1));
        var later = tokens.Issue(new LiveKitParticipant("u", null), new LiveKitVideoGrant(Room, true, false, true, false, false));

        var p1 = Jwt.Parse(first.Jwt).Payload;
        Assert.Equal(Now.ToUnixTimeSeconds(), p1.GetProperty("nbf").GetInt64());
        Assert.Equal(p1.GetProperty("nbf").GetInt64() + 180, p1.GetProperty("exp").GetInt64());
        Assert.Equal(DateTimeOffset.FromUnixTimeSeconds(p1.GetProperty("exp").GetInt64()), first.ExpiresAt);

        var p2 = Jwt.Parse(later.Jwt).Payload;
        Assert.Equal(Now.AddHours(1).ToUnixTimeSeconds(), p2.GetProperty("nbf").GetInt64());
        Assert.Equal(p2.GetProperty("nbf").GetInt64() + 180, p2.GetProperty("exp").GetInt64());
        Assert.Equal(Now.AddHours(1).AddMinutes(3).ToUnixTimeSeconds(), later.ExpiresAt.ToUnixTimeSeconds());
    }

    [Fact]
    public void EachTokenHasItsOwnJwtId()
    {
        var tokens = Tokens();
        var grant = new LiveKitVideoGrant(Room, true, false, true, false, false);
        var ids = Enumerable.Range(0, 5)
            .Select(_ => Jwt.Parse(tokens.Issue(new LiveKitParticipant("same", null), grant).Jwt).Payload.GetProperty("jti").GetString())
            .ToHashSet();
        Assert.Equal(5, ids.Count);
    }

    [Fact]
    public void TheServerApiTokenIsAnAdminGrantWithoutIdentity()
    {
        var perRoom = Jwt.Parse(Tokens().IssueAdmin(new LiveKitAdminGrant(Room)));
        Assert.Equal("""{"alg":"HS256","typ":"JWT"}""", perRoom.HeaderJson);
        Assert.True(perRoom.SignedWith(Secret));
        Assert.False(perRoom.Payload.TryGetProperty("sub", out _));
        Assert.Equal(Key, perRoom.Payload.GetProperty("iss").GetString());
        Assert.Equal($$"""{"room":"{{Room}}","roomAdmin":true,"roomCreate":true,"roomList":true}""",
            perRoom.Payload.GetProperty("video").GetRawText());
        Assert.Equal(perRoom.Payload.GetProperty("nbf").GetInt64() + 600, perRoom.Payload.GetProperty("exp").GetInt64());

        var anyRoomWithRecording = Jwt.Parse(Tokens().IssueAdmin(new LiveKitAdminGrant(null, RoomRecord: true))).Payload;
        Assert.Equal("""{"roomAdmin":true,"roomCreate":true,"roomList":true,"roomRecord":true}""",
            anyRoomWithRecording.GetProperty("video").GetRawText());
    }

    [Fact]
    public void TheTokensUseTheTimeProviderRegisteredInTheContainer()
    {
        using var services = new LiveKitServices(new Dictionary<string, string?>
        {
            ["LiveKit:ApiKey"] = Key,
            ["LiveKit:ApiSecret"] = Secret,
            ["LiveKit:TokenLifetime"] = "00:20:00",
        }, time: _clock);

        var token = services.Tokens.Issue(new LiveKitParticipant("u", null), new LiveKitVideoGrant(Room, true, false, true, false, false));

        Assert.Equal(Now.AddMinutes(20).ToUnixTimeSeconds(), token.ExpiresAt.ToUnixTimeSeconds());
        Assert.Equal("ws://localhost:7880", services.Tokens.Url);
    }
}
