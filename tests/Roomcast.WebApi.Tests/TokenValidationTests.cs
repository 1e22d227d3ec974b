using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Microsoft.IdentityModel.Tokens;
using Roomcast.WebApi.Tests.Infrastructure;

namespace Roomcast.WebApi.Tests;

/// <summary>
/// Bearer tokens the API must not accept, each one property away from a token it does accept (the <see cref="Forgery.None"/>
/// control, minted with the right key, issuer and audience), on a route that reads the user (<c>/v1/auth/me</c>) and
/// one that only reads the claims (<c>/v1/rooms</c>). AuthApiTests and TokenCacheTests cover some of these on /me;
/// here every kind is checked on both.
/// </summary>
[Collection(AuthCollection.Name)]
public sealed class TokenValidationTests(RoomcastApiFactory api)
{
    public enum Forgery
    {
        /// <summary>The control: a token minted here exactly as the API would.</summary>
        None,

        /// <summary><c>alg: none</c>, no signature, a valid-looking payload that claims admin.</summary>
        AlgNone,

        /// <summary>A genuine token whose header was changed to <c>alg: none</c>, signature kept.</summary>
        AlgNoneOnGenuineToken,

        /// <summary>A genuine token whose signature was dropped.</summary>
        SignatureStripped,
        WrongSigningKey,
        Expired,
        NotYetValid,
        WrongAudience,
        WrongIssuer,

        /// <summary>A genuine token whose payload now says <c>role: admin</c>, signature kept.</summary>
        RolePromotedToAdmin,

        /// <summary>A genuine token whose payload now names another library, signature kept.</summary>
        LibraryChanged,
    }

    public static TheoryData<Forgery, string> Cases
    {
        get
        {
            var data = new TheoryData<Forgery, string>();
            foreach (var forgery in Enum.GetValues<Forgery>())
            {
                data.Add(forgery, "/v1/auth/me");
                data.Add(forgery, "/v1/rooms");
            }

            return data;
        }
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task OnlyTheGenuineTokenIsAccepted(Forgery forgery, string path)
    {
        var host = await api.CreateHostAsync();
        await (await host.Client.GetAsync(path)).ShouldSucceedAsync();

        var response = await SendAsync(path, Forge(forgery, host));

        if (forgery == Forgery.None)
        {
            await response.ShouldSucceedAsync();
        }
        else
        {
            await response.ShouldFailAsync(HttpStatusCode.Unauthorized, "unauthorized");
        }
    }

    private static string Forge(Forgery forgery, TestUser user)
    {
        var key = RoomcastApiFactory.SigningKeyBytes;
        var soon = DateTimeOffset.UtcNow.AddMinutes(10);
        return forgery switch
        {
            Forgery.None => Tokens.Mint(user.Id, user.Role, key, soon),
            Forgery.AlgNone => Unsigned(Header("none"), $$"""
                {"sub":"{{user.Id}}","role":"admin","name":"forged","lib":"{{Tokens.DefaultLibraryId}}","iss":"roomcast","aud":"roomcast-api",
                 "iat":{{DateTimeOffset.UtcNow.AddMinutes(-1).ToUnixTimeSeconds()}},"nbf":{{DateTimeOffset.UtcNow.AddMinutes(-1).ToUnixTimeSeconds()}},"exp":{{soon.ToUnixTimeSeconds()}}}
                """),
            Forgery.AlgNoneOnGenuineToken => WithPart(user.Token, 0, Header("none")),
            Forgery.SignatureStripped => WithPart(user.Token, 2, ""),
            Forgery.WrongSigningKey => Tokens.SignedWithAnotherKey(user.Id, user.Role),
            Forgery.Expired => Tokens.Expired(user.Id, user.Role),
            Forgery.NotYetValid => Tokens.Mint(user.Id, user.Role, key, DateTimeOffset.UtcNow.AddHours(1)),
            Forgery.WrongAudience => Tokens.Mint(user.Id, user.Role, key, soon, audience: "another-api"),
            Forgery.WrongIssuer => Tokens.Mint(user.Id, user.Role, key, soon, issuer: "another-issuer"),
            Forgery.RolePromotedToAdmin => Tokens.WithPayload(user.Token, Replace(Payload(user.Token), "\"role\":\"host\"", "\"role\":\"admin\"")),
            Forgery.LibraryChanged => Tokens.WithPayload(user.Token,
                Replace(Payload(user.Token), $"\"lib\":\"{Tokens.DefaultLibraryId}\"", $"\"lib\":\"{Guid.NewGuid()}\"")),
            _ => throw new ArgumentOutOfRangeException(nameof(forgery)),
        };
    }

    private static string Header(string alg) => Base64UrlEncoder.Encode($$"""{"alg":"{{alg}}","typ":"JWT"}""");

    private static string Unsigned(string header, string payloadJson) => $"{header}.{Base64UrlEncoder.Encode(payloadJson)}.";

    private static string WithPart(string token, int index, string value)
    {
        var parts = token.Split('.');
        parts[index] = value;
        return string.Join('.', parts);
    }

    private static string Payload(string token) => Encoding.UTF8.GetString(Base64UrlEncoder.DecodeBytes(token.Split('.')[1]));

    /// <summary>Replaces <paramref name="from"/>, which must be there: a forgery that changed nothing would prove nothing.</summary>
    private static string Replace(string json, string from, string to)
    {
        Assert.Contains(from, json);
        return json.Replace(from, to);
    }

    private async Task<HttpResponseMessage> SendAsync(string path, string token)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return await api.Anonymous().SendAsync(request);
    }
}
