using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Kubewarden.Rego.Tests;

/// <summary>Compares JSON texts as written (number text and key order count) but without regard to escaping choices.</summary>
internal static class JsonText
{
    private static readonly JsonSerializerOptions Unescaped = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static void Equal(string expected, string actual) => Assert.Equal(Normalize(expected), Normalize(actual));

    /// <summary>The string a JSON string text holds.</summary>
    public static string String(string json) => JsonNode.Parse(json)!.GetValue<string>();

    private static string Normalize(string json) => JsonNode.Parse(json)?.ToJsonString(Unescaped) ?? "null";
}
