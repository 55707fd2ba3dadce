using System.Text.Json;

namespace Kubewarden.Kubernetes.Queries;

/// <summary>
/// Field masks (<c>spec.containers.image</c>, ...): only the listed paths of an object's body are kept, arrays being
/// traversed as if they were not there; <c>apiVersion</c>, <c>kind</c> and <c>metadata</c> are always kept.
/// </summary>
public sealed class FieldMask
{
    private readonly Node _root;

    private FieldMask(Node root) => _root = root;

    /// <summary>The mask of <paramref name="paths"/>, or null when there is nothing to prune.</summary>
    public static FieldMask? From(IEnumerable<string>? paths)
    {
        var root = new Node();
        foreach (var path in paths ?? [])
        {
            if (string.IsNullOrWhiteSpace(path))
            {
                continue;
            }

            var node = root;
            foreach (var segment in path.Split('.'))
            {
                node = node.Children.TryGetValue(segment, out var child) ? child : node.Children[segment] = new Node();
            }

            node.KeepAll = true;
        }

        return root.Children.Count == 0 ? null : new FieldMask(root);
    }

    /// <summary>Writes <paramref name="item"/> pruned by the mask.</summary>
    public void Write(Utf8JsonWriter writer, JsonElement item)
    {
        if (item.ValueKind != JsonValueKind.Object)
        {
            item.WriteTo(writer);
            return;
        }

        writer.WriteStartObject();
        foreach (var property in item.EnumerateObject())
        {
            if (property.NameEquals("apiVersion"u8) || property.NameEquals("kind"u8) || property.NameEquals("metadata"u8))
            {
                property.WriteTo(writer);
            }
            else if (_root.Children.TryGetValue(property.Name, out var child))
            {
                writer.WritePropertyName(property.Name);
                Prune(writer, property.Value, child);
            }
        }

        writer.WriteEndObject();
    }

    private static void Prune(Utf8JsonWriter writer, JsonElement value, Node node)
    {
        if (node.KeepAll)
        {
            value.WriteTo(writer);
            return;
        }

        switch (value.ValueKind)
        {
            case JsonValueKind.Object:
                writer.WriteStartObject();
                foreach (var property in value.EnumerateObject())
                {
                    if (node.Children.TryGetValue(property.Name, out var child))
                    {
                        writer.WritePropertyName(property.Name);
                        Prune(writer, property.Value, child);
                    }
                }

                writer.WriteEndObject();
                break;
            case JsonValueKind.Array:
                writer.WriteStartArray();
                foreach (var element in value.EnumerateArray())
                {
                    Prune(writer, element, node);
                }

                writer.WriteEndArray();
                break;
            default:
                value.WriteTo(writer);
                break;
        }
    }

    private sealed class Node
    {
        public Dictionary<string, Node> Children { get; } = new(StringComparer.Ordinal);

        public bool KeepAll { get; set; }
    }
}
