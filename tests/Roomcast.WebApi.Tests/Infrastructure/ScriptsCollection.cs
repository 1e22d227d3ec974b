namespace Roomcast.WebApi.Tests.Infrastructure;

/// <summary>
/// The tests that run scripts/ (npm, Kiota, a second API process): alone, after the parallel collections, so their
/// CPU use does not slow the timed tests (the fuzz suite's 2 s bound).
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class ScriptsCollection : ICollectionFixture<RoomcastApiFactory>
{
    public const string Name = "Scripts";
}
