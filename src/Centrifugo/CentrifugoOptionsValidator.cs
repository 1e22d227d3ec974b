using Microsoft.Extensions.Options;

namespace Roomcast.Centrifugo;

internal sealed class CentrifugoOptionsValidator : IValidateOptions<CentrifugoOptions>
{
    public ValidateOptionsResult Validate(string? name, CentrifugoOptions options)
    {
        var failures = new List<string>();
        if (options.ProxySecret is { } secret && secret.Length > 0 && secret.Trim().Length < CentrifugoOptions.MinimumProxySecretLength)
        {
            failures.Add($"Centrifugo:ProxySecret must be at least {CentrifugoOptions.MinimumProxySecretLength} characters long (or unset, which turns the proxy routes off).");
        }
        if (options.PublishingEnabled)
        {
            if (!Uri.TryCreate(options.ApiUrl, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https") || uri.Host.Length == 0)
            {
                failures.Add($"Centrifugo:ApiUrl must be an absolute http or https URL, e.g. http://centrifugo:8000 (got '{options.ApiUrl}').");
            }
            if (string.IsNullOrWhiteSpace(options.ApiKey))
            {
                failures.Add("Centrifugo:ApiKey is not set, but Centrifugo:ApiUrl is (the server API key of Centrifugo, e.g. Centrifugo__ApiKey).");
            }
        }
        if (string.IsNullOrWhiteSpace(options.ChannelPrefix) || options.ChannelPrefix.Length > 64 || options.ChannelPrefix.Any(char.IsWhiteSpace))
        {
            failures.Add($"Centrifugo:ChannelPrefix must be 1 to 64 characters without spaces, e.g. 'session:' (got '{options.ChannelPrefix}').");
        }
        if (options.RequestTimeout < TimeSpan.FromMilliseconds(10) || options.RequestTimeout > TimeSpan.FromMinutes(1))
        {
            failures.Add($"Centrifugo:RequestTimeout must be between 00:00:00.010 and 00:01:00 (got {options.RequestTimeout}).");
        }
        if (options.QueueCapacity is < 1 or > 1_000_000)
        {
            failures.Add($"Centrifugo:QueueCapacity must be between 1 and 1000000 (got {options.QueueCapacity}).");
        }
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
