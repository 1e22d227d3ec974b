using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Roomcast.Storage;

namespace Microsoft.Extensions.DependencyInjection;

public static class RecordingStorageServiceCollectionExtensions
{
    /// <summary>
    /// Binds and validates section <c>RecordingStorage</c> (checked at start: an unknown kind, or S3 without bucket or
    /// credentials, fails the start naming the key) and registers the chosen <see cref="IRecordingStorage"/> as a
    /// singleton. Calling it again changes nothing.
    /// </summary>
    public static IServiceCollection AddRoomcastRecordingStorage(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);

        // A co-hosted API and silo share one service collection and both ask for the storage: once is enough.
        if (services.Any(d => d.ServiceType == typeof(IRecordingStorage)))
        {
            return services;
        }

        services.AddOptions<RecordingStorageOptions>()
            .Bind(configuration.GetSection(RecordingStorageOptions.Section))
            .PostConfigure<IServiceProvider>(ResolveLocalRoots)
            .ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<RecordingStorageOptions>, RecordingStorageOptionsValidator>());

        services.AddSingleton<IRecordingStorage>(sp =>
        {
            var options = sp.GetRequiredService<IOptions<RecordingStorageOptions>>().Value;
            return RecordingStorageOptionsValidator.IsKind(options.Kind, RecordingStorageKinds.S3)
                ? new S3RecordingStorage(options.S3, sp.GetService<TimeProvider>(), sp.GetService<ILogger<S3RecordingStorage>>())
                : new LocalRecordingStorage(options.Local.Root!, options.Local.EgressRoot, sp.GetService<ILogger<LocalRecordingStorage>>());
        });
        services.AddHostedService<RecordingStorageStartup>();
        return services;
    }

    private static void ResolveLocalRoots(RecordingStorageOptions options, IServiceProvider services)
    {
        var contentRoot = services.GetService<IHostEnvironment>()?.ContentRootPath;
        if (string.IsNullOrWhiteSpace(contentRoot))
        {
            contentRoot = Directory.GetCurrentDirectory();
        }
        options.Local.Root = Path.GetFullPath(string.IsNullOrWhiteSpace(options.Local.Root) ? "recordings" : options.Local.Root, contentRoot);
        if (string.IsNullOrWhiteSpace(options.Local.EgressRoot))
        {
            options.Local.EgressRoot = options.Local.Root;
        }
    }
}
