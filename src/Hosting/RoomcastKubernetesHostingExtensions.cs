using Microsoft.Extensions.Configuration;
using Orleans.Hosting.Kubernetes;

namespace Roomcast.Hosting;

/// <summary>
/// Orleans' Kubernetes hosting for a cluster-mode silo, on only when <c>Kubernetes:Enabled=true</c>
/// (environment variable <c>Kubernetes__Enabled=true</c>; the manifests in <c>deploy/k8s</c> set it).
/// </summary>
/// <remarks>
/// It is opt-in, not switched on by the presence of <c>POD_NAME</c>/<c>POD_NAMESPACE</c>: Orleans' agent then needs the
/// pod's service-account token and RBAC on pods (get, list, watch, patch, delete), and without them a silo does not
/// start (no token: the in-cluster configuration throws; a 403: the agent retries without end). With it, the silo is
/// named after its pod, advertises <c>POD_IP</c> unless <c>Orleans:AdvertisedAddress</c> is set, labels its pod
/// <c>orleans/serviceId</c> and <c>orleans/clusterId</c>, declares dead the silos whose pod is gone, and (with
/// <c>Kubernetes:DeleteDefunctSiloPods=true</c>) deletes the pod of a silo the cluster declared dead. The rest of the
/// <c>Kubernetes</c> section binds to <see cref="KubernetesHostingOptions"/> (<c>MaxAgents</c>,
/// <c>MaxKubernetesApiRetryAttempts</c>, <c>DeleteDefunctSiloPods</c>). Dev mode (one localhost silo) refuses it.
/// Note that Orleans lets <c>ORLEANS_SERVICE_ID</c>/<c>ORLEANS_CLUSTER_ID</c> override <c>Orleans:ServiceId</c>/<c>ClusterId</c>
/// on silos only; API nodes do not read them, so the manifests leave them unset.
/// </remarks>
public static class RoomcastKubernetesHostingExtensions
{
    public const string SectionName = "Kubernetes";

    public const string EnabledKey = "Kubernetes:Enabled";

    public static ISiloBuilder UseRoomcastKubernetes(this ISiloBuilder silo, IConfiguration configuration)
    {
        if (!configuration.GetValue<bool>(EnabledKey))
        {
            return silo;
        }

        if (RoomcastHostingOptions.From(configuration).Storage != StorageMode.Postgres)
        {
            throw new InvalidOperationException(
                $"Configuration '{EnabledKey}' is true but Storage is not Postgres: Kubernetes hosting is for cluster mode " +
                "(set Storage=Postgres, or remove Kubernetes__Enabled in dev mode).");
        }

        return silo.UseKubernetesHosting(options => options.Bind(configuration.GetSection(SectionName)));
    }
}
