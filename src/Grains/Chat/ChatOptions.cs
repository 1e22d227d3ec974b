using System.ComponentModel.DataAnnotations;

namespace Roomcast.Grains.Chat;

/// <summary>Chat limits (configuration section <c>Chat</c>).</summary>
public sealed class ChatOptions
{
    public const string SectionName = "Chat";

    /// <summary>The longest message, in UTF-16 units after trimming; fixed, not configurable.</summary>
    public const int MaxLength = 500;

    /// <summary>How many messages a sender may send at once before the rate limit holds them back.</summary>
    [Range(1, 1000)]
    public int BurstSize { get; set; } = 5;

    /// <summary>How many messages per second a sender earns back, up to <see cref="BurstSize"/>.</summary>
    [Range(0.001, 1000.0)]
    public double RefillPerSecond { get; set; } = 1;

    /// <summary>Dev mode only: the newest messages kept per session in memory; older ones are dropped.</summary>
    [Range(1, 10_000_000)]
    public int DevModeMaxMessagesPerSession { get; set; } = 10_000;
}
