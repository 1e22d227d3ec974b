using System.Diagnostics;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Orleans.Hosting.Kubernetes;
using Roomcast.Hosting;

namespace Roomcast.WebApi.Tests;

/// <summary>Orleans' Kubernetes hosting is applied only when configured, and deploy/k8s validates (README, Kubernetes).</summary>
public sealed class KubernetesHostingTests
{
    private const string ConnectionString = "Host=127.0.0.1;Port=5432;Username=roomcast;Password=roomcast;Database=roomcast";

    [Theory]
    [InlineData("Dev", null)]
    [InlineData("Postgres", null)]
    [InlineData("Postgres", "false")]
    public void KubernetesHostingIsOffUnlessEnabled(string storage, string? enabled)
    {
        var services = SiloServices(Settings(storage, enabled));

        Assert.DoesNotContain(services, IsKubernetesAgent);
        Assert.DoesNotContain(services, d => d.ServiceType == typeof(IValidateOptions<KubernetesHostingOptions>));
    }

    [Fact]
    public void KubernetesEnabledInClusterModeAddsOrleansAgentAndBindsTheSection()
    {
        var settings = Settings("Postgres", "true");
        settings["Kubernetes:DeleteDefunctSiloPods"] = "true";
        settings["Kubernetes:MaxAgents"] = "3";

        var services = SiloServices(settings);

        Assert.Single(services, IsKubernetesAgent);
        Assert.Contains(services, d => d.ServiceType == typeof(IValidateOptions<KubernetesHostingOptions>));
        using var provider = services.BuildServiceProvider();
        var options = new KubernetesHostingOptions();
        foreach (var configure in provider.GetServices<IConfigureOptions<KubernetesHostingOptions>>())
        {
            configure.Configure(options);
        }

        Assert.True(options.DeleteDefunctSiloPods);
        Assert.Equal(3, options.MaxAgents);
    }

    [Fact]
    public void KubernetesEnabledInDevModeStopsStartWithAMessageNamingTheKey()
    {
        var error = Assert.Throws<InvalidOperationException>(() => SiloServices(Settings("Dev", "true")));

        Assert.Contains("Kubernetes:Enabled", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ShutdownTimeoutSecondsSetsTheHostsStopBudget()
    {
        // The manifests set DOTNET_SHUTDOWNTIMEOUTSECONDS, which the host reads as shutdownTimeoutSeconds.
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = ["--shutdownTimeoutSeconds=40"] });
        using var app = builder.Build();

        Assert.Equal(TimeSpan.FromSeconds(40), app.Services.GetRequiredService<IOptions<HostOptions>>().Value.ShutdownTimeout);
    }

    /// <summary>Runs scripts/validate-k8s.sh (schemas, unknown fields, kustomize builds; no cluster needed).</summary>
    [NodeFact]
    public void KubernetesManifestsValidate()
    {
        var root = RepositoryRoot();
        using var process = Process.Start(new ProcessStartInfo("bash", [Path.Combine(root, "scripts", "validate-k8s.sh")])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = root,
        })!;
        var stderr = process.StandardError.ReadToEndAsync();
        var stdout = process.StandardOutput.ReadToEnd();
        Assert.True(process.WaitForExit(TimeSpan.FromMinutes(5)), "validate-k8s.sh did not finish in 5 min");

        Assert.True(process.ExitCode == 0, $"validate-k8s.sh exited {process.ExitCode}:\n{stdout}\n{stderr.Result}");
        Assert.Contains("validate-k8s: all valid", stdout, StringComparison.Ordinal);
    }

    private static Dictionary<string, string?> Settings(string storage, string? enabled)
    {
        var settings = new Dictionary<string, string?> { ["Storage"] = storage };
        if (storage == "Postgres")
        {
            settings["ConnectionStrings:Roomcast"] = ConnectionString;
        }

        if (enabled is not null)
        {
            settings[RoomcastKubernetesHostingExtensions.EnabledKey] = enabled;
        }

        return settings;
    }

    private static IServiceCollection SiloServices(Dictionary<string, string?> settings)
    {
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        builder.Configuration.AddInMemoryCollection(settings);
        builder.UseOrleans(silo => silo.AddRoomcast(builder.Configuration));
        return builder.Services;
    }

    private static bool IsKubernetesAgent(ServiceDescriptor descriptor) =>
        descriptor.ServiceType == typeof(ILifecycleParticipant<ISiloLifecycle>)
        && descriptor.ImplementationType?.FullName == "Orleans.Hosting.Kubernetes.KubernetesClusterAgent";

    internal static string RepositoryRoot()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "Orleans.sln")))
        {
            directory = directory.Parent;
        }

        return directory?.FullName ?? throw new InvalidOperationException("Orleans.sln not found above " + AppContext.BaseDirectory);
    }

    /// <summary>
    /// Needs Node.js (the script installs its npm packages, and Node.js itself from Debian's packages when it runs as
    /// root): skipped locally when there is no node, always run on CI (CI=true), where a missing tool fails.
    /// </summary>
    private sealed class NodeFactAttribute : FactAttribute
    {
        public NodeFactAttribute()
        {
            var onCi = string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase);
            var hasNode = (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator)
                .Any(dir => dir.Length > 0 && File.Exists(Path.Combine(dir, "node")));
            if (!onCi && !hasNode)
            {
                Skip = "No node on PATH: deploy/k8s was not validated (run scripts/validate-k8s.sh; CI runs it).";
            }
        }
    }
}
