using System.Text;
using Kubewarden.Wasm.Binary;

namespace Kubewarden.Conformance.Tests;

/// <summary>What <c>kwctl annotate</c> does to an unannotated Rego module, reduced to what serving it needs.</summary>
internal static class RegoAnnotation
{
    public const string MetadataSection = "io.kubewarden.metadata";

    /// <summary>The module with Kubewarden metadata for <paramref name="executionMode"/>; annotated modules are returned as they are.</summary>
    public static byte[] Annotate(byte[] module, string executionMode) =>
        WasmModuleReader.TryGetCustomSection(module, MetadataSection, out _)
            ? module
            : WasmCustomSection.Append(
                module,
                MetadataSection,
                Encoding.UTF8.GetBytes($$"""{"protocolVersion":"Unknown","rules":[],"mutating":false,"executionMode":"{{executionMode}}"}"""));
}
