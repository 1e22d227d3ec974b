using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Time.Testing;
using Roomcast.WebApi.Auth;
using Roomcast.WebApi.Recordings;
using Roomcast.WebApi.Tests.Infrastructure;

namespace Roomcast.WebApi.Tests.Recordings;

/// <summary>
/// The API whose recording URL signer (signing and checking) runs on <see cref="Clock"/>, so a test can let a URL
/// expire without waiting; everything else keeps the real clock.
/// </summary>
public sealed class RecordingUrlClockApiFactory : RoomcastApiFactory
{
    public FakeTimeProvider Clock { get; } = new(DateTimeOffset.UtcNow);

    protected override void ConfigureTestServices(IServiceCollection services) =>
        services.Replace(ServiceDescriptor.Singleton(provider => new RecordingUrlSigner(provider.GetRequiredService<SigningKey>(), Clock)));
}

/// <summary>The API with a recording retention of one day (the default grace period for orphaned files stays one day).</summary>
public sealed class StorageRetentionApiFactory : RoomcastApiFactory
{
    public static readonly TimeSpan Retention = TimeSpan.FromDays(1);

    protected override IEnumerable<KeyValuePair<string, string>> ExtraSettings => [new("Recordings:Retention", Retention.ToString())];
}
