namespace Roomcast.Reminders;

/// <summary>
/// The order of subscriber ids every <see cref="IRoomSubscriberLog"/> lists in: PostgreSQL's <c>uuid</c> order (the
/// bytes as written in the canonical text form), which is not <see cref="Guid.CompareTo(Guid)"/>'s.
/// </summary>
public static class SubscriberOrder
{
    public static IComparer<Guid> Comparer { get; } = Comparer<Guid>.Create(Compare);

    public static int Compare(Guid a, Guid b) => string.CompareOrdinal(a.ToString("N"), b.ToString("N"));
}
