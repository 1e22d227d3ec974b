using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace Roomcast.LiveKit.Tests;

/// <summary>The webhook verifier's window and claims, and the event reader's tolerance of protojson's two spellings.</summary>
public sealed class LiveKitWebhookTests
{
    private const string Key = "APIroomcast";
    private const string Secret = "0123456789abcdef0123456789abcdef-secret";
    private static readonly DateTimeOffset Now = new(2026, 3, 14, 15, 9, 26, TimeSpan.Zero);
    private static readonly byte[] Body = Encoding.UTF8.GetBytes("""{"event":"room_started","id":"EV_1"}""");

    private readonly LiveKitWebhookVerifier _verifier = new(Options.Create(new LiveKitOptions { ApiKey = Key, ApiSecret = Secret }),
        new FakeTimeProvider(Now));

    private static string Jwt(object claims, string secret = Secret, string header = """{"alg":"HS256","typ":"JWT"}""")
    {
        var input = Base64Url(Encoding.UTF8.GetBytes(header)) + "." + Base64Url(JsonSerializer.SerializeToUtf8Bytes(claims));
        return input + "." + Base64Url(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), Encoding.ASCII.GetBytes(input)));
    }

    private static string Base64Url(byte[] bytes) => System.Buffers.Text.Base64Url.EncodeToString(bytes);

    private static string Hash(byte[] body) => Convert.ToBase64String(SHA256.HashData(body));

    private static object Claims(DateTimeOffset? notBefore = null, DateTimeOffset? expires = null, string issuer = Key, string? sha256 = null) => new
    {
        sha256 = sha256 ?? Hash(Body),
        iss = issuer,
        nbf = (notBefore ?? Now.AddSeconds(-1)).ToUnixTimeSeconds(),
        exp = (expires ?? Now.AddMinutes(5)).ToUnixTimeSeconds(),
    };

    [Fact]
    public void ATokenOfTheKeyPairOverTheBodyIsAuthenticBareOrAsBearer()
    {
        var jwt = Jwt(Claims());

        Assert.True(_verifier.IsAuthentic(jwt, Body));
        Assert.True(_verifier.IsAuthentic("Bearer " + jwt, Body));
    }

    [Fact]
    public void AnythingElseIsNot()
    {
        var skew = LiveKitWebhookVerifier.ClockSkew;
        Assert.False(_verifier.IsAuthentic(Jwt(Claims(), secret: "another secret"), Body));
        Assert.False(_verifier.IsAuthentic(Jwt(Claims(issuer: "APIother")), Body));
        Assert.False(_verifier.IsAuthentic(Jwt(Claims(sha256: Hash([1, 2, 3]))), Body));
        Assert.False(_verifier.IsAuthentic(Jwt(Claims(expires: Now - skew - TimeSpan.FromSeconds(1))), Body));
        Assert.False(_verifier.IsAuthentic(Jwt(Claims(notBefore: Now + skew + TimeSpan.FromSeconds(1))), Body));
        Assert.False(_verifier.IsAuthentic(Jwt(new { iss = Key, exp = Now.AddMinutes(5).ToUnixTimeSeconds() }), Body));
        Assert.False(_verifier.IsAuthentic(Jwt(Claims(), header: """{"alg":"HS512","typ":"JWT"}"""), Body));
        Assert.False(_verifier.IsAuthentic(Jwt(Claims())[..^2], Body));
        Assert.False(_verifier.IsAuthentic("", Body));
        Assert.False(_verifier.IsAuthentic(null, Body));
    }

    [Fact]
    public void WithinTheSkewATokenIsStillAccepted()
    {
        var skew = LiveKitWebhookVerifier.ClockSkew - TimeSpan.FromSeconds(1);

        Assert.True(_verifier.IsAuthentic(Jwt(Claims(expires: Now - skew)), Body));
        Assert.True(_verifier.IsAuthentic(Jwt(Claims(notBefore: Now + skew)), Body));
    }

    [Fact]
    public void AnEventIsReadInEitherProtojsonSpellingAndMissingPartsAreNull()
    {
        var asStrings = LiveKitWebhookEvent.TryParse("""
            {"event":"track_published","id":"EV_2","createdAt":"1773500966","room":{"name":"session-x","sid":"RM_1"},
             "participant":{"identity":"u","name":"Ada","sid":"PA_1"},"track":{"sid":"TR_1","type":"VIDEO","source":"CAMERA"},
             "numDropped":0,"somethingNew":{"a":1}}
            """u8);
        var asNumbers = LiveKitWebhookEvent.TryParse("""{"event":"egress_ended","createdAt":1773500966,"track":{"type":1},"egressInfo":{"egressId":"EG_1","status":3}}"""u8);

        Assert.NotNull(asStrings);
        Assert.Equal(("track_published", "EV_2", DateTimeOffset.FromUnixTimeSeconds(1773500966)), (asStrings.Event, asStrings.Id, asStrings.CreatedAt!.Value));
        Assert.Equal(new LiveKitWebhookParticipant("u", "Ada", "PA_1"), asStrings.Participant);
        Assert.Equal(new LiveKitWebhookTrack("TR_1", "VIDEO", "CAMERA"), asStrings.Track);
        Assert.NotNull(asNumbers);
        Assert.Equal(DateTimeOffset.FromUnixTimeSeconds(1773500966), asNumbers.CreatedAt);
        Assert.Equal("1", asNumbers.Track!.Type);
        Assert.Equal(("EG_1", LiveKitEgressStatus.Complete, ""), (asNumbers.Egress!.EgressId, asNumbers.Egress.Status, asNumbers.Egress.RoomName));
        Assert.Null(asNumbers.Room);
        Assert.Null(asNumbers.Id);
    }

    [Theory]
    [InlineData("")]
    [InlineData("[]")]
    [InlineData("{}")]
    [InlineData("""{"event":""}""")]
    [InlineData("""{"event":7}""")]
    [InlineData("{\"event\":\"room_started\"")]
    public void WhatIsNotAnEventIsNull(string body) =>
        Assert.Null(LiveKitWebhookEvent.TryParse(Encoding.UTF8.GetBytes(body)));

    [Fact]
    public void AnOutOfRangeTimeIsNull() =>
        Assert.Null(LiveKitWebhookEvent.TryParse("""{"event":"room_started","createdAt":"99999999999999999"}"""u8)!.CreatedAt);

    [Theory]
    [InlineData("session-6f9619ff-8b86-d011-b42d-00c04fc964ff", true)]
    [InlineData("session-6f9619ff8b86d011b42d00c04fc964ff", false)]
    [InlineData("lobby-6f9619ff-8b86-d011-b42d-00c04fc964ff", false)]
    [InlineData("session-", false)]
    [InlineData(null, false)]
    public void OnlyTheRoomsRoomcastNamesBelongToASession(string? room, bool isSession)
    {
        Assert.Equal(isSession, LiveKitRoomNames.TryGetSession(room, out var sessionId));
        if (isSession)
        {
            Assert.Equal(room, LiveKitRoomNames.ForSession(sessionId));
        }
    }
}
