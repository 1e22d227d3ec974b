using System.Security.Cryptography;
using Microsoft.Extensions.Options;
using Roomcast.Errors;
using Roomcast.Identity;
using Roomcast.Libraries;
using Roomcast.Silo.Hosting;

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

        if (await accounts.ExistsAsync(email))
        {
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
        await accounts.CreateAsync(email, password, "Administrator", UserRole.Admin, DefaultLibrary.Id);
        if (generated)
        {
            LogDevAdmin(email, password);
        }
        else
        {
            LogAdminCreated(email);
        }
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

    [LoggerMessage(Level = LogLevel.Information, Message = "No bootstrap admin configured (Auth:BootstrapAdmin:Email and :Password); none created")]
    private partial void LogNoBootstrapAdmin();
}
