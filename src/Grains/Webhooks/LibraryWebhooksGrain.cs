using Microsoft.Extensions.Options;
using Roomcast.Errors;
using Roomcast.Webhooks;

namespace Roomcast.Grains.Webhooks;

/// <summary>
/// A library's outbound webhook endpoints, in one small state (at most <c>Webhooks:MaxEndpointsPerLibrary</c>). Secrets never leave
/// it except in the answers to registration and rotation, and as signing keys to the dispatcher.
/// </summary>
public sealed class LibraryWebhooksGrain(
    [PersistentState("webhooks", GrainStorage.Name)] IPersistentState<LibraryWebhooksGrainState> state,
    IOptions<WebhookOptions> options,
    TimeProvider clock) : Grain, ILibraryWebhooksGrain
{
    private readonly int _maxEndpoints = options.Value.MaxEndpointsPerLibrary;

    private DateTimeOffset Now => clock.GetUtcNow();

    private Guid LibraryId => this.GetPrimaryKey();

    public async Task<WebhookEndpointWithSecret> RegisterAsync(string url, IReadOnlyList<string> events)
    {
        var checkedUrl = CheckedUrl(url);
        var checkedEvents = CheckedEvents(events);
        if (state.State.Endpoints.Count >= _maxEndpoints)
        {
            throw new RoomcastException(ErrorKind.Conflict, "limit_reached", $"A library has at most {_maxEndpoints} webhook endpoints.");
        }

        var now = Now;
        var endpoint = new WebhookEndpoint(Guid.NewGuid(), LibraryId, checkedUrl, checkedEvents, true, null, now, now, 1);
        var secret = WebhookSigner.NewSecret();
        await SaveAsync([.. state.State.Endpoints, new StoredWebhookEndpoint(endpoint, secret, null, null)]);
        return new WebhookEndpointWithSecret(endpoint, secret);
    }

    public Task<IReadOnlyList<WebhookEndpoint>> ListAsync() =>
        Task.FromResult<IReadOnlyList<WebhookEndpoint>>(state.State.Endpoints.Select(e => e.Endpoint).ToList());

    public Task<WebhookEndpoint?> FindAsync(Guid endpointId) => Task.FromResult(Find(endpointId)?.Endpoint);

    public async Task<WebhookEndpoint> UpdateAsync(Guid endpointId, WebhookEndpointPatch patch, long? expectedChangeSequence)
    {
        var stored = Find(endpointId) ?? throw RoomcastException.NotFound("Webhook endpoint");
        var current = stored.Endpoint;
        if (expectedChangeSequence is { } expected && expected != current.ChangeSequence)
        {
            throw RoomcastException.StaleChangeSequence(expected, current.ChangeSequence);
        }

        var updated = current with
        {
            Url = patch.Url is { } url ? CheckedUrl(url) : current.Url,
            Events = patch.Events is { } events ? CheckedEvents(events) : current.Events,
            Enabled = patch.Enabled ?? current.Enabled,
            DisabledReason = patch.Enabled is true ? null : current.DisabledReason,
            UpdatedOn = Now,
            ChangeSequence = current.ChangeSequence + 1,
        };
        await ReplaceAsync(stored with { Endpoint = updated });
        return updated;
    }

    public async Task<bool> DeleteAsync(Guid endpointId)
    {
        if (Find(endpointId) is null)
        {
            return false;
        }

        await SaveAsync(state.State.Endpoints.Where(e => e.Endpoint.Id != endpointId).ToList());
        return true;
    }

    public async Task<WebhookEndpointWithSecret> RotateSecretAsync(Guid endpointId)
    {
        var stored = Find(endpointId) ?? throw RoomcastException.NotFound("Webhook endpoint");
        var now = Now;
        var secret = WebhookSigner.NewSecret();
        var endpoint = stored.Endpoint with { UpdatedOn = now, ChangeSequence = stored.Endpoint.ChangeSequence + 1 };
        await ReplaceAsync(new StoredWebhookEndpoint(endpoint, secret, stored.Secret, now + options.Value.SecretRotationOverlap));
        return new WebhookEndpointWithSecret(endpoint, secret);
    }

    public Task<IReadOnlyList<WebhookTarget>> TargetsForAsync(string eventType)
    {
        var now = Now;
        IReadOnlyList<WebhookTarget> targets = state.State.Endpoints
            .Where(e => e.Endpoint.Enabled && e.Endpoint.Events.Contains(eventType, StringComparer.Ordinal))
            .Select(e => new WebhookTarget(e.Endpoint.Id, e.Endpoint.Url, e.SecretsAt(now)))
            .ToList();
        return Task.FromResult(targets);
    }

    public Task<WebhookTarget?> TargetAsync(Guid endpointId) =>
        Task.FromResult(Find(endpointId) is { Endpoint.Enabled: true } e ? new WebhookTarget(e.Endpoint.Id, e.Endpoint.Url, e.SecretsAt(Now)) : null);

    public async Task DisableAsync(Guid endpointId, string reason)
    {
        if (Find(endpointId) is not { Endpoint.Enabled: true } stored)
        {
            return;
        }

        await ReplaceAsync(stored with
        {
            Endpoint = stored.Endpoint with
            {
                Enabled = false, DisabledReason = reason, UpdatedOn = Now, ChangeSequence = stored.Endpoint.ChangeSequence + 1,
            },
        });
    }

    private static string CheckedUrl(string? url) =>
        WebhookEndpointRules.UrlError(url) is { } error ? throw RoomcastException.Invalid("url", error) : WebhookEndpointRules.Normalized(url!);

    private static IReadOnlyList<string> CheckedEvents(IReadOnlyList<string>? events) =>
        WebhookEndpointRules.EventsError(events) is { } error
            ? throw RoomcastException.Invalid("events", error)
            : events!.Distinct(StringComparer.Ordinal).ToList();

    private StoredWebhookEndpoint? Find(Guid endpointId) => state.State.Endpoints.FirstOrDefault(e => e.Endpoint.Id == endpointId);

    private Task ReplaceAsync(StoredWebhookEndpoint replacement) =>
        SaveAsync(state.State.Endpoints.Select(e => e.Endpoint.Id == replacement.Endpoint.Id ? replacement : e).ToList());

    private Task SaveAsync(IReadOnlyList<StoredWebhookEndpoint> endpoints) =>
        state.WriteOrRevertAsync(state.State with { Endpoints = endpoints }, this);
}
