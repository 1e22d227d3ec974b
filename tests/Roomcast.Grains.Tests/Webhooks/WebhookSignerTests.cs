using Microsoft.AspNetCore.Http;
using Roomcast.Grains.Webhooks;
using StandardWebhooks;
using StandardWebhooks.Diagnostics;

namespace Roomcast.Grains.Tests.Webhooks;

/// <summary>Our signatures checked with the reference implementation (the StandardWebhooks package).</summary>
public sealed class WebhookSignerTests
{
    private const string Body = """{"type":"session.started","timestamp":"2025-03-01T12:00:00+00:00","data":{"name":"Zoë"}}""";

    // The package checks the timestamp against the real clock (5 minutes' tolerance).
    private static readonly DateTimeOffset Now = DateTimeOffset.UtcNow;

    private static HeaderDictionary Headers(string id, DateTimeOffset timestamp, string signature) => new()
    {
        ["webhook-id"] = id,
        ["webhook-timestamp"] = timestamp.ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["webhook-signature"] = signature,
    };

    [Fact]
    public void A_new_secret_is_whsec_and_32_random_bytes()
    {
        var secret = WebhookSigner.NewSecret();

        Assert.StartsWith("whsec_", secret);
        Assert.Equal(32, Convert.FromBase64String(secret["whsec_".Length..]).Length);
        Assert.NotEqual(secret, WebhookSigner.NewSecret());
    }

    [Fact]
    public void The_reference_implementation_verifies_our_signature_and_computes_the_same_one()
    {
        var secret = WebhookSigner.NewSecret();
        var signature = WebhookSigner.Sign("evt_1", Now, Body, [secret]);

        new StandardWebhook(secret).Verify(Body, Headers("evt_1", Now, signature));
        Assert.Equal(new StandardWebhook(secret).Sign("evt_1", Now, Body), signature);
    }

    [Fact]
    public void During_a_rotation_each_secret_verifies_the_two_signature_header()
    {
        var (previous, current) = (WebhookSigner.NewSecret(), WebhookSigner.NewSecret());
        var signature = WebhookSigner.Sign("evt_2", Now, Body, [current, previous]);

        var parts = signature.Split(' ');
        Assert.Equal(2, parts.Length);
        new StandardWebhook(current).Verify(Body, Headers("evt_2", Now, signature));
        // StandardWebhooks 1.1.2 compares only the first signature of a header (its loop stops before the last), so
        // each signature is checked alone too: the spec has the receiver accept any one of them.
        new StandardWebhook(current).Verify(Body, Headers("evt_2", Now, parts[0]));
        new StandardWebhook(previous).Verify(Body, Headers("evt_2", Now, parts[1]));
        var stranger = new StandardWebhook(WebhookSigner.NewSecret());
        Assert.All(parts.Append(signature), header =>
            Assert.Throws<WebhookVerificationException>(() => stranger.Verify(Body, Headers("evt_2", Now, header))));
    }

    [Fact]
    public void A_changed_body_or_id_does_not_verify()
    {
        var secret = WebhookSigner.NewSecret();
        var signature = WebhookSigner.Sign("evt_3", Now, Body, [secret]);

        Assert.Throws<WebhookVerificationException>(() => new StandardWebhook(secret).Verify(Body + " ", Headers("evt_3", Now, signature)));
        Assert.Throws<WebhookVerificationException>(() => new StandardWebhook(secret).Verify(Body, Headers("evt_4", Now, signature)));
    }
}
