using Microsoft.Extensions.Options;
using Roomcast.Centrifugo;
using Roomcast.WebApi.Auth;
using Roomcast.WebApi.Infrastructure;

namespace Roomcast.WebApi.Centrifugo;

/// <summary>
/// What the proxy handlers need. Not <see cref="Apis.ApiServices"/>: the HTTP caller is Centrifugo (proved by the
/// proxy secret), and the person is named inside the body, so the request scope is built per request from it.
/// </summary>
public sealed class CentrifugoServices(
    CentrifugoProxySecret secret,
    CentrifugoAccessTokens tokens,
    CentrifugoSubscribers subscribers,
    IOptions<CentrifugoOptions> options,
    GrainReferences grains,
    ResourceAuthorization access,
    Envelope envelope,
    ILogger<CentrifugoServices> logger)
{
    public CentrifugoProxySecret Secret { get; } = secret;
    public CentrifugoAccessTokens Tokens { get; } = tokens;
    public CentrifugoSubscribers Subscribers { get; } = subscribers;
    public IOptions<CentrifugoOptions> Options { get; } = options;
    public GrainReferences Grains { get; } = grains;
    public ResourceAuthorization Access { get; } = access;
    public Envelope Envelope { get; } = envelope;
    public ILogger<CentrifugoServices> Logger { get; } = logger;
}
