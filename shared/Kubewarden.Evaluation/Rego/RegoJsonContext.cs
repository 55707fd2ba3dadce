using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace Kubewarden.Evaluation.Rego;

[JsonSerializable(typeof(JsonNode))]
[JsonSerializable(typeof(string))]
[JsonSerializable(typeof(Dictionary<string, int>))]
internal sealed partial class RegoJsonContext : JsonSerializerContext;
