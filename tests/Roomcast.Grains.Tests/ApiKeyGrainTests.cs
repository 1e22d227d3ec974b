using System.Security.Cryptography;
using Roomcast.ApiKeys;
using Roomcast.Errors;
using Roomcast.Grains.Tests.Infrastructure;
using Roomcast.Identity;
using Roomcast.Libraries;

namespace Roomcast.Grains.Tests;

[Collection(LifecycleCollection.Name)]
public sealed class ApiKeyGrainTests(ClusterFixture fixture)
{
    private static ApiKeyInfo Info(Guid id, UserRole role = UserRole.Host) =>
        new(id, Guid.NewGuid(), "Encoder", role, $"rk_{id:N}_", "abcd", DateTimeOffset.UtcNow, RevokedOn: null);

    private async Task<(IApiKeyGrain Grain, ApiKeyInfo Info, byte[] Secret)> CreateKeyAsync()
    {
        var id = Guid.NewGuid();
        var secret = RandomNumberGenerator.GetBytes(32);
        var grain = fixture.Client.GetGrain<IApiKeyGrain>(id);
        return (grain, await grain.CreateAsync(Info(id), secret), secret);
    }

    [Fact]
    public async Task VerifyAcceptsTheSecretAndRefusesAnyOther()
    {
        var (grain, info, secret) = await CreateKeyAsync();

        Assert.Equal(info, await grain.VerifyAsync(secret));

        var flipped = (byte[])secret.Clone();
        flipped[^1] ^= 1;
        Assert.Null(await grain.VerifyAsync(flipped));
        Assert.Null(await grain.VerifyAsync(RandomNumberGenerator.GetBytes(32)));
        Assert.Null(await grain.VerifyAsync([]));
    }

    [Fact]
    public async Task UnknownKeyVerifiesNothing()
    {
        var grain = fixture.Client.GetGrain<IApiKeyGrain>(Guid.NewGuid());
        Assert.Null(await grain.VerifyAsync(RandomNumberGenerator.GetBytes(32)));
        Assert.Null(await grain.FindAsync());
    }

    [Fact]
    public async Task RevokedKeyNoLongerVerifiesAndRevokingAgainKeepsTheFirstTime()
    {
        var (grain, _, secret) = await CreateKeyAsync();

        var revokedOn = await grain.RevokeAsync();

        Assert.Null(await grain.VerifyAsync(secret));
        Assert.Equal(revokedOn, await grain.RevokeAsync());
        Assert.Equal(revokedOn, (await grain.FindAsync())!.RevokedOn);
    }

    [Fact]
    public async Task CreatingAKeyTwiceIsAConflictAndKeepsTheFirstSecret()
    {
        var (grain, info, secret) = await CreateKeyAsync();

        var error = await Assert.ThrowsAsync<RoomcastException>(() => grain.CreateAsync(info, RandomNumberGenerator.GetBytes(32)));

        Assert.Equal(ErrorKind.Conflict, error.Kind);
        Assert.NotNull(await grain.VerifyAsync(secret));
    }

    [Fact]
    public async Task AKeyRevokedBeforeItWasCreatedCanNeverBeCreated()
    {
        var id = Guid.NewGuid();
        var grain = fixture.Client.GetGrain<IApiKeyGrain>(id);
        await grain.RevokeAsync();

        var error = await Assert.ThrowsAsync<RoomcastException>(() => grain.CreateAsync(Info(id), RandomNumberGenerator.GetBytes(32)));

        Assert.Equal(ErrorKind.Conflict, error.Kind);
        Assert.Null(await grain.FindAsync());
    }

    [Fact]
    public async Task LibraryListsItsKeysAndMarksThemRevoked()
    {
        var library = fixture.Client.GetGrain<ILibraryGrain>(Guid.NewGuid());
        await library.CreateAsync("Keys");
        var first = await library.AddApiKeyAsync(new NewApiKey(Guid.NewGuid(), "One", UserRole.Host, "rk_1_", "aaaa"));
        fixture.Clock.Advance(TimeSpan.FromSeconds(1));
        var second = await library.AddApiKeyAsync(new NewApiKey(Guid.NewGuid(), "Two", UserRole.Viewer, "rk_2_", "bbbb"));

        Assert.Equal(first, await library.AddApiKeyAsync(new NewApiKey(first.Id, "Renamed?", UserRole.Viewer, "x", "y")));
        var page = await library.ListApiKeysAsync(10, null, null);
        Assert.Equal([second.Id, first.Id], page.Items.Select(k => k.Id));

        var revokedOn = DateTimeOffset.UtcNow;
        var revoked = await library.MarkApiKeyRevokedAsync(first.Id, revokedOn);
        Assert.Equal(revokedOn, revoked!.RevokedOn);
        Assert.Equal(revoked, await library.MarkApiKeyRevokedAsync(first.Id, revokedOn.AddMinutes(1)));
        Assert.Equal(revoked, await library.FindApiKeyAsync(first.Id));
        Assert.Null(await library.MarkApiKeyRevokedAsync(Guid.NewGuid(), revokedOn));
    }

    [Fact]
    public async Task KeysCannotBeAddedToAMissingLibrary()
    {
        var library = fixture.Client.GetGrain<ILibraryGrain>(Guid.NewGuid());

        var error = await Assert.ThrowsAsync<RoomcastException>(() =>
            library.AddApiKeyAsync(new NewApiKey(Guid.NewGuid(), "One", UserRole.Host, "rk_1_", "aaaa")));

        Assert.Equal(ErrorKind.NotFound, error.Kind);
    }

    [Fact]
    public async Task CreatedLibrariesAppearInTheDirectory()
    {
        var created = await fixture.Client.GetGrain<ILibraryGrain>(Guid.NewGuid()).CreateAsync("Listed");

        var page = await fixture.Client.GetGrain<ILibraryDirectoryGrain>(ILibraryDirectoryGrain.Key).ListAsync(100, null, null);

        Assert.Contains(created, page.Items);
    }
}
