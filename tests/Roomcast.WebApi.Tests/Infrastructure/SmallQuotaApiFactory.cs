namespace Roomcast.WebApi.Tests.Infrastructure;

/// <summary>The API with quotas small enough to reach in a test.</summary>
public sealed class SmallQuotaApiFactory : RoomcastApiFactory
{
    public const int RoomsPerOwner = 2;
    public const int ScheduledSessionsPerOwner = 3;
    public const int PresetsPerOwner = 3;

    protected override IEnumerable<KeyValuePair<string, string>> ExtraSettings =>
    [
        new("Quotas:RoomsPerOwner", RoomsPerOwner.ToString(System.Globalization.CultureInfo.InvariantCulture)),
        new("Quotas:ScheduledSessionsPerOwner", ScheduledSessionsPerOwner.ToString(System.Globalization.CultureInfo.InvariantCulture)),
        new("Quotas:PresetsPerOwner", PresetsPerOwner.ToString(System.Globalization.CultureInfo.InvariantCulture)),
    ];
}

[CollectionDefinition(Name)]
public sealed class QuotaCollection : ICollectionFixture<SmallQuotaApiFactory>
{
    public const string Name = "Quotas";
}
