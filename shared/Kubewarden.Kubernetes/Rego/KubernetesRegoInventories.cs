using System.Buffers;
using System.Collections.Concurrent;
using System.Text.Json;
using Kubewarden.Evaluation.Metadata;
using Kubewarden.Evaluation.Rego;
using Kubewarden.Kubernetes.Api;
using Kubewarden.Kubernetes.Store;

namespace Kubewarden.Kubernetes.Rego;

/// <summary>
/// The OPA and Gatekeeper inventories of context-aware Rego policies (spec §3.4), read from the same reflectors as
/// <c>list_resources_all</c> and serialized again only when one of them has changed.
/// </summary>
public sealed class KubernetesRegoInventories(KubernetesCluster cluster) : IRegoInventorySource
{
    private readonly ConcurrentDictionary<(bool Gatekeeper, string Resources), Built> _built = new();

    /// <inheritdoc />
    public RegoInventory ForOpa(IReadOnlyList<ContextAwareResource> resources) => Get(false, resources);

    /// <inheritdoc />
    public RegoInventory ForGatekeeper(IReadOnlyList<ContextAwareResource> resources) => Get(true, resources);

    private RegoInventory Get(bool gatekeeper, IReadOnlyList<ContextAwareResource> resources)
    {
        ArgumentNullException.ThrowIfNull(resources);
        if (!cluster.IsConfigured)
        {
            return RegoInventory.Failed(KubernetesCluster.NotInitialized);
        }

        try
        {
            var reflectors = new ResourceReflector[resources.Count];
            for (var i = 0; i < resources.Count; i++)
            {
                var wanted = resources[i];
                var resource = cluster.Discovery!.FindAsync(wanted.ApiVersion, wanted.Kind, CancellationToken.None).GetAwaiter().GetResult()
                    ?? throw new KubernetesApiException($"Cannot find resource {wanted.ApiVersion}/{wanted.Kind}");
                reflectors[i] = cluster.Reflectors!.Get(resource);
                reflectors[i].EnsureSyncedAsync(KubernetesCluster.InitialListWait, CancellationToken.None).GetAwaiter().GetResult();
            }

            // Versions are read before the objects: a change in between makes the next call build again.
            var versions = reflectors.Select(r => r.Version).ToArray();
            var key = (gatekeeper, string.Join('|', resources.Select(r => $"{r.ApiVersion}/{r.Kind}")));
            if (_built.TryGetValue(key, out var built) && built.Versions.AsSpan().SequenceEqual(versions))
            {
                return RegoInventory.Of(built.Json);
            }

            var json = gatekeeper ? GatekeeperInventory.Write(reflectors) : OpaInventory.Write(reflectors);
            _built[key] = new Built(versions, json);
            return RegoInventory.Of(json);
        }
        catch (KubernetesApiException e)
        {
            return RegoInventory.Failed(e.Message);
        }
    }

    private sealed record Built(long[] Versions, byte[] Json);
}

/// <summary>The kube-mgmt layout: <c>&lt;plural&gt;.&lt;namespace&gt;.&lt;name&gt;</c>, or <c>&lt;plural&gt;.&lt;name&gt;</c> when cluster-scoped.</summary>
internal static class OpaInventory
{
    public static byte[] Write(IReadOnlyList<ResourceReflector> reflectors)
    {
        var byPlural = new SortedDictionary<string, (bool Namespaced, List<StoredObject> Objects)>(StringComparer.Ordinal);
        foreach (var reflector in reflectors)
        {
            var resource = reflector.Resource;
            if (byPlural.TryGetValue(resource.Plural, out var existing))
            {
                if (existing.Namespaced != resource.Namespaced)
                {
                    throw new KubernetesApiException(
                        $"cannot build the OPA inventory: `{resource.Plural}` names both namespaced and cluster-wide resources");
                }

                existing.Objects.AddRange(reflector.Objects());
                existing.Objects.Sort(StoredObject.Compare);
            }
            else
            {
                byPlural[resource.Plural] = (resource.Namespaced, [.. reflector.Objects()]);
            }
        }

        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { SkipValidation = true }))
        {
            writer.WriteStartObject();
            foreach (var (plural, (namespaced, objects)) in byPlural)
            {
                writer.WriteStartObject(plural);
                string? currentNamespace = null;
                string? previousKey = null;
                foreach (var stored in objects)
                {
                    if (stored.Key == previousKey)
                    {
                        continue;
                    }

                    previousKey = stored.Key;
                    if (namespaced && stored.Namespace != currentNamespace)
                    {
                        if (currentNamespace is not null)
                        {
                            writer.WriteEndObject();
                        }

                        currentNamespace = stored.Namespace;
                        writer.WriteStartObject(currentNamespace);
                    }

                    writer.WritePropertyName(stored.Name);
                    writer.WriteRawValue(stored.Json.Span, skipInputValidation: true);
                }

                if (currentNamespace is not null)
                {
                    writer.WriteEndObject();
                }

                writer.WriteEndObject();
            }

            writer.WriteEndObject();
        }

        return buffer.WrittenSpan.ToArray();
    }
}

/// <summary>
/// Gatekeeper's layout: <c>cluster.&lt;apiVersion&gt;.&lt;Kind&gt;.&lt;name&gt;</c> and
/// <c>namespace.&lt;namespace&gt;.&lt;apiVersion&gt;.&lt;Kind&gt;.&lt;name&gt;</c>.
/// </summary>
internal static class GatekeeperInventory
{
    public static byte[] Write(IReadOnlyList<ResourceReflector> reflectors)
    {
        var cluster = new SortedDictionary<(string ApiVersion, string Kind), StoredObject[]>();
        var namespaced = new List<(string Namespace, string ApiVersion, string Kind, StoredObject Object)>();
        foreach (var reflector in reflectors)
        {
            var resource = reflector.Resource;
            if (resource.Namespaced)
            {
                namespaced.AddRange(reflector.Objects().Select(o => (o.Namespace, resource.ApiVersion, resource.Kind, o)));
            }
            else
            {
                cluster[(resource.ApiVersion, resource.Kind)] = reflector.Objects();
            }
        }

        namespaced.Sort((x, y) =>
        {
            var order = string.CompareOrdinal(x.Namespace, y.Namespace);
            order = order != 0 ? order : string.CompareOrdinal(x.ApiVersion, y.ApiVersion);
            order = order != 0 ? order : string.CompareOrdinal(x.Kind, y.Kind);
            return order != 0 ? order : string.CompareOrdinal(x.Object.Name, y.Object.Name);
        });

        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { SkipValidation = true }))
        {
            writer.WriteStartObject();
            writer.WriteStartObject("cluster"u8);
            foreach (var group in cluster.GroupBy(c => c.Key.ApiVersion))
            {
                writer.WriteStartObject(group.Key);
                foreach (var ((_, kind), objects) in group)
                {
                    WriteKind(writer, kind, objects);
                }

                writer.WriteEndObject();
            }

            writer.WriteEndObject();
            writer.WriteStartObject("namespace"u8);
            foreach (var inNamespace in namespaced.GroupBy(n => n.Namespace))
            {
                writer.WriteStartObject(inNamespace.Key);
                foreach (var version in inNamespace.GroupBy(n => n.ApiVersion))
                {
                    writer.WriteStartObject(version.Key);
                    foreach (var kind in version.GroupBy(n => n.Kind))
                    {
                        WriteKind(writer, kind.Key, kind.Select(k => k.Object));
                    }

                    writer.WriteEndObject();
                }

                writer.WriteEndObject();
            }

            writer.WriteEndObject();
            writer.WriteEndObject();
        }

        return buffer.WrittenSpan.ToArray();
    }

    private static void WriteKind(Utf8JsonWriter writer, string kind, IEnumerable<StoredObject> objects)
    {
        writer.WriteStartObject(kind);
        foreach (var stored in objects)
        {
            writer.WritePropertyName(stored.Name);
            writer.WriteRawValue(stored.Json.Span, skipInputValidation: true);
        }

        writer.WriteEndObject();
    }
}
