using Microsoft.Extensions.Options;

namespace Roomcast.LiveKit;

internal sealed class LiveKitOptionsValidator : IValidateOptions<LiveKitOptions>
{
    public const int MinimumSecretLength = 32;

    public ValidateOptionsResult Validate(string? name, LiveKitOptions options)
    {
        var failures = new List<string>();
        if (string.IsNullOrWhiteSpace(options.ApiKey))
        {
            failures.Add("LiveKit:ApiKey is not set (the API key of the LiveKit server, e.g. LiveKit__ApiKey).");
        }
        if (string.IsNullOrWhiteSpace(options.ApiSecret))
        {
            failures.Add("LiveKit:ApiSecret is not set (the API secret of the LiveKit server, e.g. LiveKit__ApiSecret).");
        }
        else if (options.ApiSecret.Length < MinimumSecretLength)
        {
            failures.Add($"LiveKit:ApiSecret must be at least {MinimumSecretLength} characters long.");
        }
        if (!IsUrl(options.Url, "ws", "wss", "http", "https"))
        {
            failures.Add($"LiveKit:Url must be an absolute ws, wss, http or https URL (got '{options.Url}').");
        }
        if (!string.IsNullOrWhiteSpace(options.ApiUrl) && !IsUrl(options.ApiUrl, "ws", "wss", "http", "https"))
        {
            failures.Add($"LiveKit:ApiUrl must be an absolute ws, wss, http or https URL (got '{options.ApiUrl}').");
        }
        if (options.TokenLifetime < TimeSpan.FromMinutes(1) || options.TokenLifetime > TimeSpan.FromHours(24))
        {
            failures.Add($"LiveKit:TokenLifetime must be between 00:01:00 and 1.00:00:00 (got {options.TokenLifetime}).");
        }
        if (options.RequestTimeout < TimeSpan.FromMilliseconds(10) || options.RequestTimeout > TimeSpan.FromMinutes(5))
        {
            failures.Add($"LiveKit:RequestTimeout must be between 00:00:00.010 and 00:05:00 (got {options.RequestTimeout}).");
        }
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private static bool IsUrl(string? value, params string[] schemes) =>
        Uri.TryCreate(value, UriKind.Absolute, out var uri) && schemes.Contains(uri.Scheme, StringComparer.OrdinalIgnoreCase)
        && !string.IsNullOrEmpty(uri.Host);
}
