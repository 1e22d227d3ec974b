using Microsoft.AspNetCore.Http.HttpResults;
using Roomcast.Errors;
using Roomcast.WebApi.Auth;
using Roomcast.WebApi.Contracts;
using Roomcast.WebApi.Infrastructure;
using Roomcast.Webhooks;

namespace Roomcast.WebApi.Apis;

/// <summary>
/// A library's outbound webhook endpoints (issue 18), managed by the library's hosts and by admins, only under
/// <c>/v1/libraries/{libraryId}</c>: a caller outside the library is told it does not exist. The signing secret is
/// shown once, in the answers to registration and rotation.
/// </summary>
public static partial class OutboundWebhooksApi
{
    private const int DefaultDeliveriesPage = 20;
    private const int MaxDeliveriesPage = 100;

    public static RouteGroupBuilder MapOutboundWebhooksApi(this IEndpointRouteBuilder app)
    {
        var scope = ApiScope.Library;
        var group = scope.Group(app, "/webhooks", "Webhooks").RequireAuthorization(Policies.Host);

        scope.Describe(group.MapPost("/", RegisterWebhookAsync), "RegisterWebhook",
                "Register a webhook endpoint (url, events); the signing secret is shown only in this response")
            .ProducesErrors(400, 401, 403, 404, 409);
        scope.Describe(group.MapGet("/", ListWebhooksAsync), "ListWebhooks", "List the library's webhook endpoints (never their secrets)")
            .ProducesErrors(400, 401, 403, 404);
        scope.Describe(group.MapGet("/{webhookId}", GetWebhookAsync), "GetWebhook", "Get a webhook endpoint by ID (never its secret)")
            .ProducesErrors(400, 401, 403, 404);
        scope.Describe(group.MapPatch("/{webhookId}", UpdateWebhookAsync), "UpdateWebhook",
                "Change a webhook endpoint's url, events or enabled (change_sequence or If-Match guards it)")
            .ProducesErrors(400, 401, 403, 404, 409);
        scope.Describe(group.MapDelete("/{webhookId}", DeleteWebhookAsync), "DeleteWebhook", "Delete a webhook endpoint")
            .ProducesErrors(400, 401, 403, 404);
        scope.Describe(group.MapPost("/{webhookId}/rotate_secret", RotateWebhookSecretAsync), "RotateWebhookSecret",
                "Issue a new signing secret (shown only in this response); the previous one keeps signing for the overlap period")
            .ProducesErrors(400, 401, 403, 404);
        scope.Describe(group.MapGet("/{webhookId}/deliveries", ListWebhookDeliveriesAsync), "ListWebhookDeliveries",
                "An endpoint's delivery log, newest first: status, attempts, last response code and time (limit; before = a delivery id)")
            .ProducesErrors(400, 401, 403, 404);
        scope.Describe(group.MapPost("/{webhookId}/deliveries/{deliveryId}/redeliver", RedeliverWebhookAsync), "RedeliverWebhook",
                "Send a delivery again now, whatever its status (same webhook-id)")
            .ProducesErrors(400, 401, 403, 404);
        return group;
    }

    public static async Task<Ok<ApiResponse<ListResponse<WebhookDeliveryResponse>>>> ListWebhookDeliveriesAsync(
        Guid webhookId, int? limit, Guid? before, IWebhookOutbox outbox, [AsParameters] ApiServices api)
    {
        if (limit is < 1 or > MaxDeliveriesPage)
        {
            throw RoomcastException.Invalid("limit", $"must be between 1 and {MaxDeliveriesPage}");
        }

        _ = await Webhooks(api).FindAsync(webhookId) ?? throw RoomcastException.NotFound("Webhook endpoint");
        var pageSize = limit ?? DefaultDeliveriesPage;
        var deliveries = await outbox.ListDeliveriesAsync(webhookId, pageSize, before);
        var next = deliveries.Count == pageSize ? deliveries[^1].Id.ToString() : null;
        return api.Envelope.Ok(new ListResponse<WebhookDeliveryResponse>(deliveries.Select(WebhookDeliveryResponse.From).ToList(), pageSize, next, null));
    }

    public static async Task<Ok<ApiResponse<WebhookDeliveryResponse>>> RedeliverWebhookAsync(
        Guid webhookId, Guid deliveryId, IWebhookOutbox outbox, [AsParameters] ApiServices api)
    {
        _ = await Webhooks(api).FindAsync(webhookId) ?? throw RoomcastException.NotFound("Webhook endpoint");
        if (await outbox.GetDeliveryAsync(deliveryId) is not { } delivery || delivery.EndpointId != webhookId)
        {
            throw RoomcastException.NotFound("Webhook delivery");
        }

        await outbox.RedeliverAsync(deliveryId, api.Clock.GetUtcNow());
        return api.Envelope.Ok(WebhookDeliveryResponse.From(await outbox.GetDeliveryAsync(deliveryId) ?? delivery));
    }

    public static async Task<Created<ApiResponse<WebhookWithSecretResponse>>> RegisterWebhookAsync(
        RegisterWebhookRequest request, HttpResponse response, ILoggerFactory loggers, [AsParameters] ApiServices api)
    {
        var libraryId = LibraryOf(api);
        var created = await Webhooks(api).RegisterAsync(request.Url!, request.Events!);
        LogRegistered(Logger(loggers), created.Endpoint.Id, libraryId);
        response.Headers.CacheControl = "no-store";
        return api.Envelope.Created(api.Scope.PathOf($"/webhooks/{created.Endpoint.Id}"), WebhookWithSecretResponse.From(created));
    }

    public static async Task<Ok<ApiResponse<ListResponse<WebhookResponse>>>> ListWebhooksAsync([AsParameters] ApiServices api)
    {
        var endpoints = await Webhooks(api).ListAsync();
        return api.Envelope.Ok(new ListResponse<WebhookResponse>(endpoints.Select(WebhookResponse.From).ToList(), endpoints.Count, null, null));
    }

    public static async Task<Ok<ApiResponse<WebhookResponse>>> GetWebhookAsync(Guid webhookId, [AsParameters] ApiServices api) =>
        api.Envelope.Ok(WebhookResponse.From(await Webhooks(api).FindAsync(webhookId) ?? throw RoomcastException.NotFound("Webhook endpoint")));

    public static async Task<Ok<ApiResponse<WebhookResponse>>> UpdateWebhookAsync(
        Guid webhookId, UpdateWebhookRequest request, HttpContext http, [AsParameters] ApiServices api)
    {
        var updated = await Webhooks(api).UpdateAsync(webhookId, request.ToPatch(), ChangeSequenceHeader.Expected(http.Request, request.ChangeSequence));
        ChangeSequenceHeader.Tag(http.Response, updated.ChangeSequence);
        return api.Envelope.Ok(WebhookResponse.From(updated));
    }

    public static async Task<Ok<ApiResponse<DeletedResponse>>> DeleteWebhookAsync(Guid webhookId, [AsParameters] ApiServices api) =>
        await Webhooks(api).DeleteAsync(webhookId)
            ? api.Envelope.Ok(new DeletedResponse(webhookId, Deleted: true))
            : throw RoomcastException.NotFound("Webhook endpoint");

    public static async Task<Ok<ApiResponse<WebhookWithSecretResponse>>> RotateWebhookSecretAsync(
        Guid webhookId, HttpResponse response, [AsParameters] ApiServices api)
    {
        var rotated = await Webhooks(api).RotateSecretAsync(webhookId);
        response.Headers.CacheControl = "no-store";
        return api.Envelope.Ok(WebhookWithSecretResponse.From(rotated));
    }

    /// <summary>Set on every route of this API: they are all under the library prefix.</summary>
    private static Guid LibraryOf(ApiServices api) =>
        api.Scope.LibraryId ?? throw new InvalidOperationException("Webhook routes are mapped under the library prefix only.");

    private static ILibraryWebhooksGrain Webhooks(ApiServices api) => api.Grains.Get<ILibraryWebhooksGrain>(LibraryOf(api));

    private static ILogger Logger(ILoggerFactory loggers) => loggers.CreateLogger(typeof(OutboundWebhooksApi).FullName!);

    [LoggerMessage(Level = LogLevel.Information, Message = "Registered webhook endpoint {WebhookId} in library {LibraryId}")]
    private static partial void LogRegistered(ILogger logger, Guid webhookId, Guid libraryId);
}
