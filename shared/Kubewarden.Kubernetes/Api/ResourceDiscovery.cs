using System.Collections.Concurrent;
using System.Text.Json;

namespace Kubewarden.Kubernetes.Api;

/// <summary>
/// Finds the plural name and scope of an (apiVersion, kind) from the API server's resource list of that
/// group/version; answers are kept for the life of the process, as Kubewarden keeps them.
/// </summary>
public sealed class ResourceDiscovery(KubernetesApi api)
{
    private readonly ConcurrentDictionary<string, Lazy<Task<Dictionary<string, ApiResource>>>> _groupVersions = new(StringComparer.Ordinal);

    /// <summary>The resource, or null when the group/version does not serve <paramref name="kind"/>.</summary>
    /// <exception cref="KubernetesApiException">The API server could not be asked.</exception>
    public async Task<ApiResource?> FindAsync(string apiVersion, string kind, CancellationToken cancellationToken)
    {
        var lazy = _groupVersions.GetOrAdd(apiVersion, version => new Lazy<Task<Dictionary<string, ApiResource>>>(() => LoadAsync(version)));
        Dictionary<string, ApiResource> kinds;
        try
        {
            kinds = await lazy.Value.WaitAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (KubernetesApiException)
        {
            _groupVersions.TryRemove(new KeyValuePair<string, Lazy<Task<Dictionary<string, ApiResource>>>>(apiVersion, lazy));
            throw;
        }

        return kinds.GetValueOrDefault(kind);
    }

    private async Task<Dictionary<string, ApiResource>> LoadAsync(string apiVersion)
    {
        var probe = new ApiResource(apiVersion, string.Empty, string.Empty, false);
        var body = await api.GetAsync(probe.GroupVersionPath, CancellationToken.None).ConfigureAwait(false);
        var kinds = new Dictionary<string, ApiResource>(StringComparer.Ordinal);
        if (body is null)
        {
            return kinds;
        }

        using var document = JsonDocument.Parse(body);
        if (!document.RootElement.TryGetProperty("resources", out var resources) || resources.ValueKind != JsonValueKind.Array)
        {
            return kinds;
        }

        foreach (var resource in resources.EnumerateArray())
        {
            var name = resource.GetProperty("name").GetString()!;
            if (name.Contains('/', StringComparison.Ordinal))
            {
                continue;
            }

            var kind = resource.GetProperty("kind").GetString()!;
            var namespaced = resource.TryGetProperty("namespaced", out var scope) && scope.ValueKind == JsonValueKind.True;
            kinds.TryAdd(kind, new ApiResource(apiVersion, kind, name, namespaced));
        }

        return kinds;
    }
}
