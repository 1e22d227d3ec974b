using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;
using Roomcast.Errors;
using Roomcast.Identity;
using Roomcast.Libraries;
using Roomcast.Hosting;

namespace Roomcast.WebApi.Auth;

/// <summary>
/// Makes sure the default library and the configured first admin exist once the cluster is reachable. In dev
/// mode, with nothing configured, it invents the admin and prints its credentials, since nothing survives a
/// restart anyway.
/// </summary>
public sealed partial class BootstrapAdminService(
    IGrainFactory grains,
    UserAccounts accounts,
    IOptions<BootstrapAdminOptions> options,
    RoomcastHostingOptions hosting,
    ILogger<BootstrapAdminService> logger) : IHostedService
{
    public const string DevEmail = "admin@roomcast.local";

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await EnsureDefaultLibraryAsync();

        var devMode = hosting.Storage == StorageMode.Dev;
        var email = options.Value.Email ?? (devMode ? DevEmail : null);
        if (email is null)
        {
            LogNoBootstrapAdmin();
            return;
        }

        var password = options.Value.Password;
        var generated = string.IsNullOrEmpty(password);
        if (generated && !devMode)
        {
            LogNoBootstrapAdmin();
            return;
        }

        password = generated ? Convert.ToBase64String(RandomNumberGenerator.GetBytes(12)) : password!;
        switch (await accounts.EnsureAsync(UserIdFor(email), email, password, "Administrator", UserRole.Admin, DefaultLibrary.Id))
        {
            case UserAccounts.EnsureOutcome.HeldByAnotherUser:
                LogAlreadyRegistered(email);
                break;
            case UserAccounts.EnsureOutcome.PasswordSet when generated:
                LogDevAdmin(email, password);
                break;
            case UserAccounts.EnsureOutcome.PasswordSet:
                LogAdminCreated(email);
                break;
        }
    }

    /// <summary>
    /// The bootstrap admin's user id, derived from the email: every API node starting at once names the same user,
    /// so racing nodes complete one admin between them instead of each creating a profile of its own.
    /// </summary>
    public static Guid UserIdFor(string email)
    {
        Span<byte> hash = stackalloc byte[32];
        SHA256.HashData(Encoding.UTF8.GetBytes("roomcast:bootstrap-admin:" + UserAccounts.Normalize(email)), hash);
        var bytes = hash[..16];
        bytes[6] = (byte)((bytes[6] & 0x0F) | 0x80); // RFC 9562 version 8: a name-derived id of our own scheme
        bytes[8] = (byte)((bytes[8] & 0x3F) | 0x80); // RFC 9562 variant
        return new Guid(bytes, bigEndian: true);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    private async Task EnsureDefaultLibraryAsync()
    {
        var library = grains.GetGrain<ILibraryGrain>(DefaultLibrary.Id);
        if (await library.FindAsync() is not null)
        {
            return;
        }

        try
        {
            await library.CreateAsync(DefaultLibrary.Name);
        }
        catch (RoomcastException e) when (e.Kind == ErrorKind.Conflict)
        {
            // Another API node created it first.
        }
    }

    // Printing a password is acceptable only for the throw-away admin of an in-memory dev process.
    [LoggerMessage(Level = LogLevel.Warning, Message = "Dev mode: created admin {Email} with password {Password} (in memory; a new one each start)")]
    private partial void LogDevAdmin(string email, string password);

    [LoggerMessage(Level = LogLevel.Information, Message = "Created the bootstrap admin {Email}")]
    private partial void LogAdminCreated(string email);

    [LoggerMessage(Level = LogLevel.Information, Message = "The bootstrap admin's email {Email} is registered to an existing user; left as it is")]
    private partial void LogAlreadyRegistered(string email);

    [LoggerMessage(Level = LogLevel.Information, Message = "No bootstrap admin configured (Auth:BootstrapAdmin:Email and :Password); none created")]
    private partial void LogNoBootstrapAdmin();
}
