namespace Roomcast.Grains;

internal static class ReminderExtensions
{
    /// <summary>Unregisters the grain's reminder of this name; nothing when it has none (already gone, or never set).</summary>
    public static async Task UnregisterReminderIfAnyAsync(this Grain grain, string reminderName)
    {
        if (await grain.GetReminder(reminderName) is { } reminder)
        {
            await grain.UnregisterReminder(reminder);
        }
    }
}
