using System.Collections.Concurrent;
using Kubewarden.Kubernetes.Api;
using Microsoft.Extensions.Logging;

namespace Kubewarden.Kubernetes.Store;

/// <summary>
/// One reflector per (kind, server-side field selector), created on first use and shared by every policy and
/// every query on that kind.
/// </summary>
public sealed class ReflectorRegistry(KubernetesApi api, ILoggerFactory loggerFactory) : IDisposable
{
    private readonly ConcurrentDictionary<(ApiResource Resource, string? FieldSelector), Lazy<ResourceReflector>> _reflectors = new();
    private readonly ILogger _logger = loggerFactory.CreateLogger<ResourceReflector>();
    private bool _disposed;

    /// <summary>The reflector of <paramref name="resource"/>, started if it was not yet.</summary>
    public ResourceReflector Get(ApiResource resource, string? fieldSelector = null)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        return _reflectors.GetOrAdd((resource, fieldSelector), key => new Lazy<ResourceReflector>(
            () => new ResourceReflector(api, key.Resource, key.FieldSelector, _logger))).Value;
    }

    /// <summary>Every reflector started so far.</summary>
    public IEnumerable<ResourceReflector> All => _reflectors.Values.Where(r => r.IsValueCreated).Select(r => r.Value);

    /// <inheritdoc />
    public void Dispose()
    {
        _disposed = true;
        foreach (var reflector in All)
        {
            reflector.Dispose();
        }
    }
}
