using System.ComponentModel.DataAnnotations;

namespace Roomcast.Grains.Quotas;

/// <summary>
/// What one owner may hold at once (configuration section <c>Quotas</c>): bounds the rooms a listing pages
/// through and the deadlines (one reminder each) a single host can put on the cluster.
/// </summary>
public sealed class QuotaOptions
{
    public const string SectionName = "Quotas";

    /// <summary>Rooms one owner may have (deleted ones do not count).</summary>
    [Range(1, 100_000)]
    public int RoomsPerOwner { get; set; } = 100;

    /// <summary>Sessions of one owner that may wait in <c>scheduled</c> at once, each with its expiry reminder.</summary>
    [Range(1, 1_000_000)]
    public int ScheduledSessionsPerOwner { get; set; } = 500;

    /// <summary>Session presets one owner may have: their ids live in one grain's state (the owner's shelf).</summary>
    [Range(1, 10_000)]
    public int PresetsPerOwner { get; set; } = 100;
}
