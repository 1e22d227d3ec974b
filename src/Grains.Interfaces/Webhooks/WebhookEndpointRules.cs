namespace Roomcast.Webhooks;

/// <summary>What a webhook endpoint's URL and event list must be; the API and the grain apply the same rules.</summary>
public static class WebhookEndpointRules
{
    public const int MaxUrlLength = 2048;

    /// <summary>What is wrong with the URL (an absolute http(s) URL without user information, at most 2048 characters), or null.</summary>
    public static string? UrlError(string? url)
    {
        if (string.IsNullOrWhiteSpace(url))
        {
            return "is required";
        }

        if (url.Length > MaxUrlLength)
        {
            return $"must be at most {MaxUrlLength} characters";
        }

        if (!Uri.TryCreate(url.Trim(), UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps))
        {
            return "must be an absolute http or https URL";
        }

        return uri.UserInfo.Length > 0 ? "must not contain user information" : null;
    }

    /// <summary>What is wrong with the event list (at least one, each from <see cref="WebhookEventTypes.All"/>), or null.</summary>
    public static string? EventsError(IReadOnlyList<string>? events)
    {
        if (events is null || events.Count == 0)
        {
            return "must name at least one event type";
        }

        return events.FirstOrDefault(e => !WebhookEventTypes.IsKnown(e)) is { } unknown
            ? $"'{unknown}' is not an event type (known: {string.Join(", ", WebhookEventTypes.All)})"
            : null;
    }

    /// <summary>The URL as stored (normalized); call after <see cref="UrlError"/> found nothing.</summary>
    public static string Normalized(string url) => new Uri(url.Trim(), UriKind.Absolute).AbsoluteUri;
}
