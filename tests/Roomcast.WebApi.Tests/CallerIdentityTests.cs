using System.Security.Claims;
using Roomcast.Errors;
using Roomcast.Identity;
using Roomcast.WebApi.Auth;

namespace Roomcast.WebApi.Tests;

public sealed class CallerIdentityTests
{
    [Fact]
    public void ValidatedClaimsCarryTheirCallerAndKeepEveryClaim()
    {
        var (user, library) = (Guid.NewGuid(), Guid.NewGuid());
        var validated = Identity(user.ToString(), "host", library.ToString());

        var identity = Assert.IsType<CallerIdentity>(CallerIdentity.Of(validated));

        Assert.Equal(new Caller(user, UserRole.Host, library), identity.Caller);
        Assert.Equal(new Caller(user, UserRole.Host, library), Caller.From(new ClaimsPrincipal(identity)));
        Assert.Equal(validated.Claims.Select(c => (c.Type, c.Value)), identity.Claims.Select(c => (c.Type, c.Value)));
        Assert.Equal(validated.AuthenticationType, identity.AuthenticationType);
        Assert.Equal(RoomcastClaims.Role, identity.RoleClaimType);
    }

    [Theory]
    [InlineData("not-a-guid", "host", "library")]
    [InlineData("user", "owner", "library")]
    [InlineData("user", "host", "not-a-guid")]
    public void MalformedClaimsStayAPlainIdentityThatNamesNoCaller(string subject, string role, string library)
    {
        var validated = Identity(subject == "user" ? Guid.NewGuid().ToString() : subject, role,
            library == "library" ? Guid.NewGuid().ToString() : library);

        var identity = CallerIdentity.Of(validated);

        Assert.Same(validated, identity);
        var refused = Assert.Throws<RoomcastException>(() => Caller.From(new ClaimsPrincipal(identity)));
        Assert.Equal(ErrorKind.Unauthorized, refused.Kind);
    }

    private static ClaimsIdentity Identity(string subject, string role, string library) => new(
        [
            new Claim(RoomcastClaims.Subject, subject),
            new Claim(RoomcastClaims.Role, role),
            new Claim(RoomcastClaims.Library, library),
            new Claim(RoomcastClaims.Name, "someone"),
        ],
        "Bearer", RoomcastClaims.Name, RoomcastClaims.Role);
}
