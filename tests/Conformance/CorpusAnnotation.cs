using System.Text;
using Kubewarden.Wasm.Binary;

namespace Kubewarden.Conformance.Tests;

/// <summary>
/// What <c>kwctl annotate</c> does to an unannotated corpus module, reduced to what serving it needs: Kubewarden refuses
/// to serve a module without metadata, so servers get a copy with the metadata of the case's protocol.
/// </summary>
internal static class CorpusAnnotation
{
    public const string MetadataSection = "io.kubewarden.metadata";

    public static bool IsAnnotated(byte[] module) => WasmModuleReader.TryGetCustomSection(module, MetadataSection, out _);

    /// <summary>The module with metadata for <paramref name="protocol"/>; annotated modules are returned as they are.</summary>
    public static byte[] Annotate(byte[] module, string protocol) =>
        IsAnnotated(module) ? module : WasmCustomSection.Append(module, MetadataSection, Encoding.UTF8.GetBytes(MetadataFor(protocol)));

    /// <summary>kwctl's metadata: <c>protocolVersion: Unknown</c> for every mode but waPC's, which is <c>v1</c>.</summary>
    public static string MetadataFor(string protocol)
    {
        var (mode, version) = protocol switch
        {
            "kubewarden-wapc" => ("kubewarden-wapc", "v1"),
            "kubewarden-wasi" => ("wasi", "Unknown"),
            "opa" or "gatekeeper" => (protocol, "Unknown"),
            _ => throw new ArgumentException($"the corpus protocol `{protocol}` is not an execution mode", nameof(protocol)),
        };
        return $$"""{"protocolVersion":"{{version}}","rules":[],"mutating":false,"executionMode":"{{mode}}"}""";
    }
}
