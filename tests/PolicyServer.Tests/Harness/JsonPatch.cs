using System.Text.Json.Nodes;

namespace Kubewarden.PolicyServer.Tests.Harness;

/// <summary>A tiny RFC 6902 applier for <c>add</c>, <c>replace</c> and <c>remove</c> (what the server emits for objects).</summary>
internal static class JsonPatch
{
    public static JsonNode Apply(JsonNode document, JsonArray patch)
    {
        var root = document.DeepClone();
        foreach (var operation in patch)
        {
            var op = (string)operation!["op"]!;
            var path = (string)operation["path"]!;
            var tokens = path.Split('/').Skip(1).Select(t => t.Replace("~1", "/", StringComparison.Ordinal).Replace("~0", "~", StringComparison.Ordinal)).ToArray();
            if (tokens.Length == 0)
            {
                Assert.Equal("replace", op);
                root = operation["value"]!.DeepClone();
                continue;
            }

            var parent = tokens[..^1].Aggregate(root, (node, token) => node is JsonArray array ? array[int.Parse(token, System.Globalization.CultureInfo.InvariantCulture)]! : node[token]!);
            var last = tokens[^1];
            switch (op, parent)
            {
                case ("add" or "replace", JsonObject obj):
                    Assert.True(op == "add" || obj.ContainsKey(last), $"replace of a missing member {path}");
                    obj[last] = operation["value"]!.DeepClone();
                    break;
                case ("remove", JsonObject obj):
                    Assert.True(obj.Remove(last), $"remove of a missing member {path}");
                    break;
                case ("add", JsonArray array):
                    array.Insert(last == "-" ? array.Count : int.Parse(last, System.Globalization.CultureInfo.InvariantCulture), operation["value"]!.DeepClone());
                    break;
                case ("replace", JsonArray array):
                    array[int.Parse(last, System.Globalization.CultureInfo.InvariantCulture)] = operation["value"]!.DeepClone();
                    break;
                case ("remove", JsonArray array):
                    array.RemoveAt(int.Parse(last, System.Globalization.CultureInfo.InvariantCulture));
                    break;
                default:
                    Assert.Fail($"unsupported patch operation {op} at {path}");
                    break;
            }
        }

        return root;
    }
}
