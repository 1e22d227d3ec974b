using Roomcast.Errors;
using Roomcast.WebApi.Infrastructure;
using Roomcast.Webhooks;

namespace Roomcast.WebApi.Contracts;

/// <summary>A webhook endpoint to register: where to send, and which event types.</summary>
public sealed record RegisterWebhookRequest(string? Url, IReadOnlyList<string>? Events) : IValidatableRequest
{
    public IEnumerable<FieldError> Validate(RequestValidationContext context)
    {
        if (WebhookEndpointRules.UrlError(Url) is { } urlError)
        {
            yield return new FieldError("url", urlError);
        }

        if (WebhookEndpointRules.EventsError(Events) is { } eventsError)
        {
            yield return new FieldError("events", eventsError);
        }
    }
}

/// <summary>A change of a webhook endpoint; absent fields stay. <c>enabled: true</c> re-enables a disabled endpoint.</summary>
public sealed record UpdateWebhookRequest(string? Url, IReadOnlyList<string>? Events, bool? Enabled, long? ChangeSequence) : IValidatableRequest
{
    public IEnumerable<FieldError> Validate(RequestValidationContext context)
    {
        if (Url is not null && WebhookEndpointRules.UrlError(Url) is { } urlError)
        {
            yield return new FieldError("url", urlError);
        }

        if (Events is not null && WebhookEndpointRules.EventsError(Events) is { } eventsError)
        {
            yield return new FieldError("events", eventsError);
        }

        foreach (var error in FieldRules.ChangeSequence(ChangeSequence))
        {
            yield return error;
        }

        if (Url is null && Events is null && Enabled is null)
        {
            yield return new FieldError("body", "names no field to change");
        }
    }

    public WebhookEndpointPatch ToPatch() => new(Url, Events, Enabled);
}

/// <summary>A webhook endpoint as listed: never its secret.</summary>
public sealed record WebhookResponse(
    Guid Id, Guid LibraryId, string Url, IReadOnlyList<string> Events, bool Enabled, string? DisabledReason,
    DateTimeOffset CreatedOn, DateTimeOffset UpdatedOn, long ChangeSequence)
{
    public static WebhookResponse From(WebhookEndpoint e) =>
        new(e.Id, e.LibraryId, e.Url, e.Events, e.Enabled, e.DisabledReason, e.CreatedOn, e.UpdatedOn, e.ChangeSequence);
}

/// <summary>
/// A webhook endpoint with its signing secret (<c>whsec_</c>…): the answer to registration and to rotation, the only ones
/// that carry it. It is not shown again.
/// </summary>
public sealed record WebhookWithSecretResponse(
    Guid Id, Guid LibraryId, string Url, IReadOnlyList<string> Events, bool Enabled, string? DisabledReason,
    DateTimeOffset CreatedOn, DateTimeOffset UpdatedOn, long ChangeSequence, string Secret)
{
    public static WebhookWithSecretResponse From(WebhookEndpointWithSecret created)
    {
        var e = created.Endpoint;
        return new(e.Id, e.LibraryId, e.Url, e.Events, e.Enabled, e.DisabledReason, e.CreatedOn, e.UpdatedOn, e.ChangeSequence, created.Secret);
    }
}

/// <summary>One event's delivery to an endpoint: status (pending, delivered, failed, dead), attempts, and the last answer.</summary>
public sealed record WebhookDeliveryResponse(
    Guid Id, Guid WebhookId, string EventId, string Status, int Attempts, DateTimeOffset? NextAttemptAt,
    int? LastStatusCode, string? LastError, DateTimeOffset? LastAttemptAt, DateTimeOffset CreatedAt)
{
    public static WebhookDeliveryResponse From(WebhookDelivery d) => new(
        d.Id, d.EndpointId, d.EventId, d.Status.ToString().ToLowerInvariant(), d.Attempts,
        d.Status is WebhookDeliveryStatus.Pending or WebhookDeliveryStatus.Failed ? d.NextAttemptAt : null,
        d.LastStatusCode, d.LastError, d.LastAttemptAt, d.CreatedAt);
}
