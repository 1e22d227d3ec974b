using System.ComponentModel.DataAnnotations;

namespace Roomcast.Grains.Webhooks;

/// <summary>Outbound webhooks (<c>Webhooks</c> section).</summary>
public sealed class WebhookOptions
{
    public const string SectionName = "Webhooks";

    /// <summary>How long after its event a delivery is tried again before it is dead.</summary>
    [Range(typeof(TimeSpan), "00:01:00", "30.00:00:00")]
    public TimeSpan RetryFor { get; set; } = TimeSpan.FromDays(3);

    /// <summary>How long the previous secret keeps signing after a rotation.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "30.00:00:00")]
    public TimeSpan SecretRotationOverlap { get; set; } = TimeSpan.FromHours(24);

    /// <summary>How many endpoints one library may register.</summary>
    [Range(1, 1000)]
    public int MaxEndpointsPerLibrary { get; set; } = 50;

    /// <summary>Whether endpoints may be on loopback, private or link-local addresses (tests and closed networks only).</summary>
    public bool AllowPrivateAddresses { get; set; }
}
