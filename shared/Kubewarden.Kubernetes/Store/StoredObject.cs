using System.Buffers;
using System.Text.Json;

namespace Kubewarden.Kubernetes.Store;

/// <summary>
/// One cached object, kept compact: its JSON bytes (with <c>apiVersion</c> and <c>kind</c> always set, without
/// <c>metadata.managedFields</c> and the <c>kubectl.kubernetes.io/last-applied-configuration</c> annotation, as
/// Kubewarden stores them) plus the identity and labels that queries filter on.
/// </summary>
public sealed class StoredObject
{
    private const string LastApplied = "kubectl.kubernetes.io/last-applied-configuration";
    private static readonly KeyValuePair<string, string>[] NoLabels = [];

    private StoredObject(string @namespace, string name, KeyValuePair<string, string>[] labels, byte[] json)
    {
        Namespace = @namespace;
        Name = name;
        Labels = labels;
        Json = json;
    }

    /// <summary>The namespace; empty for cluster-scoped objects.</summary>
    public string Namespace { get; }

    /// <summary>The name.</summary>
    public string Name { get; }

    /// <summary>The labels.</summary>
    public IReadOnlyList<KeyValuePair<string, string>> Labels { get; }

    /// <summary>The object as JSON.</summary>
    public ReadOnlyMemory<byte> Json { get; }

    /// <summary>The store key: <c>namespace/name</c>.</summary>
    public string Key => StoreKey(Namespace, Name);

    /// <summary>The store key of an object.</summary>
    public static string StoreKey(string @namespace, string name) => @namespace.Length == 0 ? name : $"{@namespace}/{name}";

    /// <summary>Orders by namespace, then name (the order answers list objects in).</summary>
    public static int Compare(StoredObject x, StoredObject y)
    {
        var byNamespace = string.CompareOrdinal(x.Namespace, y.Namespace);
        return byNamespace != 0 ? byNamespace : string.CompareOrdinal(x.Name, y.Name);
    }

    /// <summary>Stores <paramref name="item"/> as an object of <paramref name="apiVersion"/>/<paramref name="kind"/>.</summary>
    public static StoredObject From(JsonElement item, string apiVersion, string kind)
    {
        var @namespace = string.Empty;
        var name = string.Empty;
        var labels = NoLabels;
        var buffer = new ArrayBufferWriter<byte>(1024);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteString("apiVersion"u8, apiVersion);
            writer.WriteString("kind"u8, kind);
            foreach (var property in item.EnumerateObject())
            {
                if (property.NameEquals("apiVersion"u8) || property.NameEquals("kind"u8))
                {
                    continue;
                }

                if (property.NameEquals("metadata"u8) && property.Value.ValueKind == JsonValueKind.Object)
                {
                    writer.WritePropertyName("metadata"u8);
                    WriteMetadata(writer, property.Value, ref @namespace, ref name, ref labels);
                    continue;
                }

                property.WriteTo(writer);
            }

            writer.WriteEndObject();
        }

        return new StoredObject(@namespace, name, labels, buffer.WrittenSpan.ToArray());
    }

    private static void WriteMetadata(Utf8JsonWriter writer, JsonElement metadata, ref string @namespace, ref string name, ref KeyValuePair<string, string>[] labels)
    {
        writer.WriteStartObject();
        foreach (var property in metadata.EnumerateObject())
        {
            if (property.NameEquals("managedFields"u8))
            {
                continue;
            }

            if (property.NameEquals("name"u8))
            {
                name = property.Value.GetString() ?? string.Empty;
            }
            else if (property.NameEquals("namespace"u8))
            {
                @namespace = property.Value.GetString() ?? string.Empty;
            }
            else if (property.NameEquals("labels"u8) && property.Value.ValueKind == JsonValueKind.Object)
            {
                labels = property.Value.EnumerateObject().Select(l => KeyValuePair.Create(l.Name, l.Value.GetString() ?? string.Empty)).ToArray();
            }
            else if (property.NameEquals("annotations"u8) && property.Value.ValueKind == JsonValueKind.Object)
            {
                writer.WritePropertyName("annotations"u8);
                writer.WriteStartObject();
                foreach (var annotation in property.Value.EnumerateObject())
                {
                    if (!annotation.NameEquals(LastApplied))
                    {
                        annotation.WriteTo(writer);
                    }
                }

                writer.WriteEndObject();
                continue;
            }

            property.WriteTo(writer);
        }

        writer.WriteEndObject();
    }
}
