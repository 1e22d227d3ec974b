namespace Roomcast.Reminders;

/// <summary>What a session's reminder grain has sent and armed.</summary>
/// <param name="Sent">The kinds of notice marked sent (their batches may still be pending).</param>
/// <param name="ArmedFor">The scheduled start the due notice is armed for; null when nothing is armed.</param>
/// <param name="DueAt">When the due notice fires (<paramref name="ArmedFor"/> minus the lead), or null.</param>
/// <param name="PendingBatches">Notices marked sent whose fan-out has not finished.</param>
[GenerateSerializer, Immutable, Alias("Roomcast.SessionReminderStatus")]
public sealed record SessionReminderStatus(
    [property: Id(0)] IReadOnlyList<ReminderKind> Sent,
    [property: Id(1)] DateTimeOffset? ArmedFor,
    [property: Id(2)] DateTimeOffset? DueAt,
    [property: Id(3)] int PendingBatches);
