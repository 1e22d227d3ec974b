namespace Roomcast.WebApi.Auth;

/// <summary>Says at start-up when tokens are signed with a throw-away key.</summary>
internal sealed partial class SigningKeyWarning(SigningKey key, ILogger<SigningKeyWarning> logger) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        if (key.Generated)
        {
            LogGeneratedKey();
        }

        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(Level = LogLevel.Warning, Message =
        "Dev mode: access tokens are signed with a key generated at start-up; they stop working when this process restarts. Set Auth:Jwt:SigningKey to keep them.")]
    private partial void LogGeneratedKey();
}
