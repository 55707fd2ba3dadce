using System.Text;

namespace Kubewarden.PolicyServer.Tests.Harness;

/// <summary>
/// The real API server of the context-aware tests (kube-apiserver + etcd on loopback, <c>scripts/kube-apiserver.sh</c>):
/// <c>KUBEWARDEN_TEST_KUBECONFIG</c> names its kubeconfig (the test command starts it and sets it); tests skip without it.
/// </summary>
internal sealed class KubeApiServer : IDisposable
{
    private readonly HttpClient _client;

    private KubeApiServer(string kubeconfig)
    {
        Kubeconfig = kubeconfig;
        _client = TestKubeconfig.AdminClient(kubeconfig, TimeSpan.FromSeconds(30));
    }

    /// <summary>The kubeconfig the policy-server is started with.</summary>
    public string Kubeconfig { get; }

    /// <summary>Why the tests cannot run, or null when the API server is there.</summary>
    public static string? Unavailable => Environment.GetEnvironmentVariable("KUBEWARDEN_TEST_KUBECONFIG") is { Length: > 0 } path && File.Exists(path)
        ? null
        : "no test Kubernetes API server: run `bash scripts/kube-apiserver.sh start` and set KUBEWARDEN_TEST_KUBECONFIG to the kubeconfig it prints (scripts/test.sh does both)";

    /// <summary>Connects to the API server named by <c>KUBEWARDEN_TEST_KUBECONFIG</c>.</summary>
    public static KubeApiServer Connect()
    {
        return new KubeApiServer(Environment.GetEnvironmentVariable("KUBEWARDEN_TEST_KUBECONFIG")!);
    }

    /// <summary>Creates an object from JSON at <paramref name="collection"/> (e.g. <c>api/v1/namespaces</c>).</summary>
    public async Task CreateAsync(string collection, string json, CancellationToken cancellationToken)
    {
        using var response = await _client.PostAsync(collection, new StringContent(json, Encoding.UTF8, "application/json"), cancellationToken);
        Assert.True(response.IsSuccessStatusCode, $"POST {collection}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync(cancellationToken)}");
    }

    /// <summary>Deletes the object at <paramref name="path"/>.</summary>
    public async Task DeleteAsync(string path, CancellationToken cancellationToken)
    {
        using var response = await _client.DeleteAsync(path, cancellationToken);
        Assert.True(response.IsSuccessStatusCode, $"DELETE {path}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync(cancellationToken)}");
    }

    /// <summary>A namespace with a unique name (namespaces cannot be deleted for good without a controller-manager).</summary>
    public async Task<string> NewNamespaceAsync(string prefix, CancellationToken cancellationToken)
    {
        var name = $"{prefix}-{Guid.NewGuid().ToString("N")[..8]}";
        await CreateAsync("api/v1/namespaces", $$$"""{"apiVersion":"v1","kind":"Namespace","metadata":{"name":"{{{name}}}"}}""", cancellationToken);
        return name;
    }

    /// <summary>Creates ConfigMap <paramref name="name"/> in <paramref name="ns"/> with one data key.</summary>
    public Task CreateConfigMapAsync(string ns, string name, string value, CancellationToken cancellationToken) =>
        CreateAsync($"api/v1/namespaces/{ns}/configmaps",
            $$$"""{"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"{{{name}}}","labels":{"app":"kw-test"}},"data":{"key":"{{{value}}}"}}""", cancellationToken);

    public void Dispose() => _client.Dispose();
}
