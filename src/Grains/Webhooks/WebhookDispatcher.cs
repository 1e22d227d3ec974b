using System.Globalization;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Roomcast.Webhooks;

namespace Roomcast.Grains.Webhooks;

/// <summary>
/// Delivers the outbox, on every silo: expands new events into one delivery per enabled endpoint of the library
/// subscribed to the type, then claims due deliveries (leased, so silos share the work and a dead silo's claims are
/// taken again) and sends each with Standard Webhooks headers. 2xx is delivered; anything else is tried again with
/// <see cref="WebhookRetryPolicy"/> until <see cref="WebhookOptions.RetryFor"/> after the event, then dead; an endpoint
/// that delivered nothing for that whole period is disabled, saying why. At least once: a send whose outcome was not
/// recorded is sent again, with the same <c>webhook-id</c>.
/// </summary>
public sealed partial class WebhookDispatcher : BackgroundService
{
    /// <summary>How long a claimed delivery is kept from other dispatchers: longer than a send can take.</summary>
    public static readonly TimeSpan ClaimLease = TimeSpan.FromMinutes(2);

    /// <summary>The whole request, response headers and the bounded body included.</summary>
    public static readonly TimeSpan RequestTimeout = TimeSpan.FromSeconds(15);

    /// <summary>How much of an endpoint's answer is read (and then dropped).</summary>
    public const int MaxResponseBytes = 4096;

    private const int BatchSize = 50;
    private static readonly TimeSpan PollInterval = TimeSpan.FromSeconds(1);

    private readonly IWebhookOutbox _outbox;
    private readonly IGrainFactory _grains;
    private readonly TimeProvider _clock;
    private readonly WebhookOptions _options;
    private readonly WebhookRetryPolicy _retry;
    private readonly HttpClient _http;
    private readonly ILogger<WebhookDispatcher> _logger;

    public WebhookDispatcher(
        IWebhookOutbox outbox, IGrainFactory grains, TimeProvider clock, IOptions<WebhookOptions> options, ILogger<WebhookDispatcher> logger,
        HttpMessageHandler? handler = null)
    {
        _outbox = outbox;
        _grains = grains;
        _clock = clock;
        _options = options.Value;
        _retry = new WebhookRetryPolicy(_options.RetryFor);
        _logger = logger;
        _http = new HttpClient(handler ?? WebhookHttpHandler.Create(_options.AllowPrivateAddresses)) { Timeout = RequestTimeout };
        _http.DefaultRequestHeaders.UserAgent.ParseAdd("Roomcast-Webhooks/1");
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                var busy = await RunOnceAsync(stoppingToken);
                if (!busy)
                {
                    await Task.Delay(PollInterval, stoppingToken);
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e)
            {
                // The outbox keeps everything: a failed round is done again by the next one.
                LogRoundFailed(e);
                await Task.Delay(PollInterval * 5, stoppingToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            }
        }
    }

    /// <summary>One round: expands new events, then sends what is due. True when there was work (another round may find more).</summary>
    public async Task<bool> RunOnceAsync(CancellationToken cancellationToken = default)
    {
        var expanded = await ExpandAsync();
        var due = await _outbox.ClaimDueAsync(_clock.GetUtcNow(), ClaimLease, BatchSize);
        await Task.WhenAll(due.Select(d => DeliverAsync(d, cancellationToken)));
        return expanded > 0 || due.Count > 0;
    }

    public override void Dispose()
    {
        _http.Dispose();
        base.Dispose();
    }

    private async Task<int> ExpandAsync()
    {
        var events = await _outbox.ListUnexpandedAsync(BatchSize);
        foreach (var webhookEvent in events)
        {
            var targets = await _grains.GetGrain<ILibraryWebhooksGrain>(webhookEvent.LibraryId).TargetsForAsync(webhookEvent.Type);
            if (targets.Count > 0)
            {
                await _outbox.AddDeliveriesAsync(webhookEvent, targets.Select(t => t.EndpointId).ToList(), _clock.GetUtcNow());
            }
        }

        if (events.Count > 0)
        {
            await _outbox.MarkExpandedAsync(events.Select(e => e.Id).ToList());
        }

        return events.Count;
    }

    private async Task DeliverAsync(DueWebhookDelivery due, CancellationToken cancellationToken)
    {
        var (delivery, webhookEvent) = due;
        var library = _grains.GetGrain<ILibraryWebhooksGrain>(delivery.LibraryId);
        var target = await library.TargetAsync(delivery.EndpointId);
        var (statusCode, error) = target is null
            ? (null, "The endpoint was deleted or is disabled.")
            : await SendAsync(target, webhookEvent, cancellationToken);

        var now = _clock.GetUtcNow();
        var succeeded = statusCode is >= 200 and < 300;
        var next = succeeded ? null : _retry.NextAttemptAt(webhookEvent.OccurredAt, delivery.Attempts + 1, now);
        var status = succeeded ? WebhookDeliveryStatus.Delivered : next is null || target is null ? WebhookDeliveryStatus.Dead : WebhookDeliveryStatus.Failed;
        await _outbox.RecordAttemptAsync(new WebhookAttempt(delivery.Id, status, now, next ?? now, statusCode, error));

        if (status == WebhookDeliveryStatus.Dead && target is not null)
        {
            LogDead(delivery.Id, webhookEvent.Id, delivery.EndpointId, delivery.Attempts + 1);
            var lastDelivered = await _outbox.LastDeliveredAtAsync(delivery.EndpointId);
            if (lastDelivered is null || lastDelivered < now - _options.RetryFor)
            {
                var reason = $"Every delivery failed for {_options.RetryFor.TotalHours:0.#} hours (last: {(statusCode is { } code ? "HTTP " + code : error)}).";
                await library.DisableAsync(delivery.EndpointId, reason);
                LogDisabled(delivery.EndpointId, reason);
            }
        }
    }

    private async Task<(int? StatusCode, string? Error)> SendAsync(WebhookTarget target, WebhookEvent webhookEvent, CancellationToken cancellationToken)
    {
        var timestamp = _clock.GetUtcNow();
        using var request = new HttpRequestMessage(HttpMethod.Post, target.Url)
        {
            Content = new StringContent(webhookEvent.Payload, System.Text.Encoding.UTF8, "application/json"),
        };
        request.Headers.Add("webhook-id", webhookEvent.Id);
        request.Headers.Add("webhook-timestamp", timestamp.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture));
        request.Headers.Add("webhook-signature", WebhookSigner.Sign(webhookEvent.Id, timestamp, webhookEvent.Payload, target.Secrets));
        try
        {
            using var response = await _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
            await DrainBoundedAsync(response, cancellationToken);
            return ((int)response.StatusCode, null);
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException or IOException && !cancellationToken.IsCancellationRequested)
        {
            var cause = e.InnerException is WebhookAddressRefusedException refused ? refused.Message : e.Message;
            return (null, cause.Length > 500 ? cause[..500] : cause);
        }
    }

    /// <summary>Reads at most <see cref="MaxResponseBytes"/> of the answer: an endpoint cannot make a dispatcher read a large body.</summary>
    private static async Task DrainBoundedAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        await using var body = await response.Content.ReadAsStreamAsync(cancellationToken);
        var buffer = new byte[MaxResponseBytes];
        var total = 0;
        int read;
        while (total < buffer.Length && (read = await body.ReadAsync(buffer.AsMemory(total), cancellationToken)) > 0)
        {
            total += read;
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Webhook dispatcher: a round failed; the next one tries again")]
    private partial void LogRoundFailed(Exception exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Webhook delivery {DeliveryId} of event {EventId} to endpoint {EndpointId} is dead after {Attempts} attempts")]
    private partial void LogDead(Guid deliveryId, string eventId, Guid endpointId, int attempts);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Webhook endpoint {EndpointId} disabled: {Reason}")]
    private partial void LogDisabled(Guid endpointId, string reason);
}
