using Roomcast.Errors;
using Roomcast.Grains.Tests.Infrastructure;
using Roomcast.Identity;
using Roomcast.Libraries;

namespace Roomcast.Grains.Tests;

[Collection(LifecycleCollection.Name)]
public sealed class EmailLoginGrainTests(ClusterFixture fixture)
{
    private IEmailLoginGrain NewEmail() => fixture.Client.GetGrain<IEmailLoginGrain>($"{Guid.NewGuid():N}@example.test");

    [Fact]
    public async Task ClaimingAnEmailHeldByAnotherUserIsAConflictAndKeepsTheFirstClaim()
    {
        var login = NewEmail();
        var first = new EmailCredential(Guid.NewGuid(), "hash-1");
        await login.ClaimAsync(first);

        var error = await Assert.ThrowsAsync<RoomcastException>(() => login.ClaimAsync(new EmailCredential(Guid.NewGuid(), "hash-2")));

        Assert.Equal(ErrorKind.Conflict, error.Kind);
        Assert.Equal("email_taken", error.Code);
        Assert.Equal(first, await login.FindAsync());
    }

    [Fact]
    public async Task SameUserMayClaimItsEmailAgain()
    {
        var login = NewEmail();
        var userId = Guid.NewGuid();
        await login.ClaimAsync(new EmailCredential(userId, "old-hash"));

        await login.ClaimAsync(new EmailCredential(userId, "new-hash"));

        Assert.Equal(new EmailCredential(userId, "new-hash"), await login.FindAsync());
    }

    [Fact]
    public async Task UnclaimedEmailIsNotFound()
    {
        Assert.Null(await NewEmail().FindAsync());
    }

    [Fact]
    public async Task CreatingAUserTwiceIsAConflict()
    {
        var user = fixture.Client.GetGrain<IUserGrain>(Guid.NewGuid());
        var profile = await user.CreateAsync(new NewUser("a@example.test", "A", UserRole.Host, DefaultLibrary.Id));

        var error = await Assert.ThrowsAsync<RoomcastException>(() => user.CreateAsync(new NewUser("b@example.test", "B", UserRole.Viewer, DefaultLibrary.Id)));

        Assert.Equal(ErrorKind.Conflict, error.Kind);
        Assert.Equal("already_exists", error.Code);
        Assert.Equal(profile, await user.FindAsync());
    }
}
