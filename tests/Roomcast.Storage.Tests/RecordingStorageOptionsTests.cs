using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Roomcast.Storage.Tests;

public sealed class RecordingStorageOptionsTests
{
    [Fact]
    public void Local_is_the_default_with_a_recordings_folder_under_the_content_root()
    {
        using var services = Build([]);

        var storage = Assert.IsType<LocalRecordingStorage>(services.GetRequiredService<IRecordingStorage>());
        Assert.Equal("local", storage.Kind);
        Assert.Equal(Path.Combine(Directory.GetCurrentDirectory(), "recordings"), storage.Root);
        Assert.Equal(storage.Root + "/k.mp4", storage.EgressTargetFor("k.mp4").FilePath);
    }

    [Fact]
    public void Local_root_and_egress_root_come_from_configuration()
    {
        var root = Path.Combine(Path.GetTempPath(), $"roomcast-options-{Guid.NewGuid():N}");
        try
        {
            using var services = Build(new()
            {
                ["RecordingStorage:Kind"] = "local",
                ["RecordingStorage:Local:Root"] = root,
                ["RecordingStorage:Local:EgressRoot"] = "/out/",
            });

            var storage = Assert.IsType<LocalRecordingStorage>(services.GetRequiredService<IRecordingStorage>());
            Assert.Equal(root, storage.Root);
            Assert.True(Directory.Exists(root));
            Assert.Equal("/out/recordings/k.mp4", storage.EgressTargetFor("recordings/k.mp4").FilePath);
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }

    [Fact]
    public void S3_is_chosen_by_kind()
    {
        using var services = Build(new()
        {
            ["RecordingStorage:Kind"] = "S3",
            ["RecordingStorage:S3:Bucket"] = "media",
            ["RecordingStorage:S3:ServiceUrl"] = "http://127.0.0.1:9000",
            ["RecordingStorage:S3:AccessKey"] = "key",
            ["RecordingStorage:S3:SecretKey"] = "secret",
            ["RecordingStorage:S3:ForcePathStyle"] = "true",
        });

        var storage = Assert.IsType<S3RecordingStorage>(services.GetRequiredService<IRecordingStorage>());
        Assert.Equal("s3", storage.Kind);
        Assert.Equal(new S3UploadTarget("media", null, "http://127.0.0.1:9000", "key", "secret", true), storage.EgressTargetFor("a.mp4").S3);
    }

    [Fact]
    public void S3_without_bucket_or_credentials_fails_naming_each_missing_key()
    {
        using var services = Build(new() { ["RecordingStorage:Kind"] = "s3" });

        var e = Assert.Throws<OptionsValidationException>(() => services.GetRequiredService<IOptions<RecordingStorageOptions>>().Value);

        Assert.Contains(e.Failures, f => f.StartsWith("RecordingStorage:S3:Bucket is not set", StringComparison.Ordinal));
        Assert.Contains(e.Failures, f => f.StartsWith("RecordingStorage:S3:AccessKey is not set", StringComparison.Ordinal));
        Assert.Contains(e.Failures, f => f.StartsWith("RecordingStorage:S3:SecretKey is not set", StringComparison.Ordinal));
        Assert.Equal(3, e.Failures.Count());
    }

    [Theory]
    [InlineData("RecordingStorage:Kind", "Azure", "RecordingStorage:Kind must be Local or S3 (got 'Azure').")]
    [InlineData("RecordingStorage:S3:ServiceUrl", "minio:9000", "RecordingStorage:S3:ServiceUrl must be an absolute http or https URL (got 'minio:9000').")]
    [InlineData("RecordingStorage:S3:PresignedUrlLifetime", "8.00:00:00", "RecordingStorage:S3:PresignedUrlLifetime must be between 00:01:00 and 7.00:00:00 (got 8.00:00:00).")]
    [InlineData("RecordingStorage:S3:MaxRetries", "50", "RecordingStorage:S3:MaxRetries must be between 0 and 10 (got 50).")]
    public void A_bad_value_fails_with_the_key_it_is_in(string key, string value, string failure)
    {
        var configuration = new Dictionary<string, string?>
        {
            ["RecordingStorage:Kind"] = "S3",
            ["RecordingStorage:S3:Bucket"] = "media",
            ["RecordingStorage:S3:AccessKey"] = "key",
            ["RecordingStorage:S3:SecretKey"] = "secret",
            [key] = value,
        };
        using var services = Build(configuration);

        var e = Assert.Throws<OptionsValidationException>(() => services.GetRequiredService<IOptions<RecordingStorageOptions>>().Value);

        Assert.Equal([failure], e.Failures);
    }

    [Fact]
    public void Registering_twice_registers_one_storage()
    {
        var configuration = new ConfigurationBuilder().Build();
        var services = new ServiceCollection();

        services.AddRoomcastRecordingStorage(configuration).AddRoomcastRecordingStorage(configuration);

        Assert.Single(services, d => d.ServiceType == typeof(IRecordingStorage));
        Assert.Single(services, d => d.ImplementationType == typeof(RecordingStorageOptionsValidator));
    }

    private static ServiceProvider Build(Dictionary<string, string?> values)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(values).Build();
        return new ServiceCollection().AddLogging().AddRoomcastRecordingStorage(configuration).BuildServiceProvider();
    }
}
