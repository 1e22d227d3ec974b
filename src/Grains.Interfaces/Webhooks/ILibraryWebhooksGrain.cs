namespace Roomcast.Webhooks;

/// <summary>
/// A library's outbound webhook endpoints (key = library id): at most <c>Webhooks:MaxEndpointsPerLibrary</c>, each with its URL, event
/// types and signing secrets. Invalid input is a validation error naming the field; an unknown endpoint is not found.
/// </summary>
[Alias("Roomcast.ILibraryWebhooksGrain")]
public interface ILibraryWebhooksGrain : IGrainWithGuidKey
{
    /// <summary>Registers an endpoint (enabled) with a new secret, which this answer is the only one to show.</summary>
    [Alias("RegisterAsync")]
    Task<WebhookEndpointWithSecret> RegisterAsync(string url, IReadOnlyList<string> events);

    /// <summary>Every endpoint of the library, oldest first.</summary>
    [Alias("ListAsync")]
    Task<IReadOnlyList<WebhookEndpoint>> ListAsync();

    /// <summary>The endpoint, or null.</summary>
    [Alias("FindAsync")]
    Task<WebhookEndpoint?> FindAsync(Guid endpointId);

    /// <summary>Applies a change, refused when <paramref name="expectedChangeSequence"/> is given and stale.</summary>
    [Alias("UpdateAsync")]
    Task<WebhookEndpoint> UpdateAsync(Guid endpointId, WebhookEndpointPatch patch, long? expectedChangeSequence);

    /// <summary>Removes the endpoint; false when there was none.</summary>
    [Alias("DeleteAsync")]
    Task<bool> DeleteAsync(Guid endpointId);

    /// <summary>A new secret, shown in this answer only; the old one keeps signing too for the rotation overlap.</summary>
    [Alias("RotateSecretAsync")]
    Task<WebhookEndpointWithSecret> RotateSecretAsync(Guid endpointId);

    /// <summary>The enabled endpoints subscribed to the type, with the secrets to sign with now.</summary>
    [Alias("TargetsForAsync")]
    Task<IReadOnlyList<WebhookTarget>> TargetsForAsync(string eventType);

    /// <summary>The endpoint as a target, or null when it does not exist or is disabled.</summary>
    [Alias("TargetAsync")]
    Task<WebhookTarget?> TargetAsync(Guid endpointId);

    /// <summary>Disables the endpoint, saying why (the dispatcher does after its deliveries failed for the whole retry period).</summary>
    [Alias("DisableAsync")]
    Task DisableAsync(Guid endpointId, string reason);
}
