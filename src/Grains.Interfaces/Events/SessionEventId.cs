using System.Globalization;

namespace Roomcast.Events;

/// <summary>
/// A session event's id, <c>{epoch}-{sequence}</c>: the epoch is the hub activation's, so ids compare within one
/// activation, and an id of another is recognised as such.
/// </summary>
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

    public override string ToString() => $"{Epoch}-{Sequence.ToString(CultureInfo.InvariantCulture)}";
}
