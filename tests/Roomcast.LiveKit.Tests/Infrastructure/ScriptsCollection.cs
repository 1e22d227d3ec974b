namespace Roomcast.LiveKit.Tests.Infrastructure;

/// <summary>The tests that run scripts/ (npm): one at a time, since the first one may be installing packages.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class ScriptsCollection
{
    public const string Name = "Scripts";
}
