using System.Globalization;

namespace Roomcast.WebApi.Events;

/// <summary>An event id as the hub writes it, <c>{epoch}-{sequence}</c>: comparable within one epoch.</summary>
public readonly record struct SessionEventId(string Epoch, long Sequence)
{
    public static SessionEventId? Parse(string? id)
    {
        var dash = id?.LastIndexOf('-') ?? -1;
        return dash > 0 && long.TryParse(id.AsSpan(dash + 1), NumberStyles.None, CultureInfo.InvariantCulture, out var sequence)
            ? new SessionEventId(id![..dash], sequence)
            : null;
    }

    /// <summary>Later than <paramref name="other"/>; an event of another epoch (a re-activated hub) always is.</summary>
    public bool IsAfter(SessionEventId other) => Epoch != other.Epoch || Sequence > other.Sequence;
}
