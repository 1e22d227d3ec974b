namespace Roomcast.Storage.Tests.Infrastructure;

/// <summary>The test classes that share one s3rver; each test writes under its own key prefix.</summary>
[CollectionDefinition(Name)]
public sealed class S3rverCollection : ICollectionFixture<S3rverServer>
{
    public const string Name = "s3rver";
}
