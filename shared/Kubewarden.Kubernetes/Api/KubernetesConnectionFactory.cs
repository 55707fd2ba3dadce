using k8s;
using k8s.Exceptions;

namespace Kubewarden.Kubernetes.Api;

/// <summary>
/// Builds the connection the way Kubewarden's server does at start (spec §6.5 step 4), without calling the API
/// server: the in-cluster service account when running in a Pod, otherwise the kubeconfig given (a path list as in
/// <c>KUBECONFIG</c>) or <c>~/.kube/config</c>.
/// </summary>
public static class KubernetesConnectionFactory
{
    /// <summary>The connection, or null with <paramref name="reason"/> saying why none could be built.</summary>
    public static KubernetesConnection? TryCreate(string? kubeconfig, out string reason)
    {
        try
        {
            if (KubernetesClientConfiguration.IsInCluster())
            {
                reason = string.Empty;
                return new KubernetesConnection(KubernetesClientConfiguration.InClusterConfig(), "in-cluster service account");
            }

            if (KubeconfigPath(kubeconfig) is not { } path)
            {
                reason = kubeconfig is null
                    ? "not running in a Pod (no service account) and no kubeconfig (KUBECONFIG, --kubeconfig, ~/.kube/config)"
                    : $"not running in a Pod (no service account) and the kubeconfig {kubeconfig} does not exist";
                return null;
            }

            reason = string.Empty;
            return new KubernetesConnection(KubernetesClientConfiguration.BuildConfigFromConfigFile(path), path);
        }
        catch (Exception e) when (e is KubeConfigException or IOException or UnauthorizedAccessException or FormatException or ArgumentException or InvalidOperationException or k8s.Autorest.HttpOperationException)
        {
            reason = e.Message;
            return null;
        }
    }

    private static string? KubeconfigPath(string? list)
    {
        if (list is { Length: > 0 })
        {
            return list.Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries).FirstOrDefault(File.Exists);
        }

        var home = Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".kube", "config");
        return File.Exists(home) ? home : null;
    }
}
