using System.Net.Http.Headers;

namespace Roomcast.WebApi.Tests.Infrastructure;

/// <summary>A logged-in user and an HTTP client that sends their bearer token.</summary>
public sealed record TestUser(Guid Id, string? Email, string Password, string Role, string Token, HttpClient Client)
{
    public static TestUser Create(HttpClient client, AuthDto auth, string password)
    {
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", auth.AccessToken);
        return new TestUser(auth.User.Id, auth.User.Email, password, auth.User.Role, auth.AccessToken, client);
    }
}
