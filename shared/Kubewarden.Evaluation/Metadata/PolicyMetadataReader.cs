using System.Text.Json;
using Kubewarden.Wasm.Binary;

namespace Kubewarden.Evaluation.Metadata;

/// <summary>Reads <see cref="PolicyMetadata"/> from the <c>io.kubewarden.metadata</c> custom section.</summary>
public static class PolicyMetadataReader
{
    /// <summary>The custom section holding the metadata.</summary>
    public const string SectionName = "io.kubewarden.metadata";

    /// <summary>The metadata of a module, or null when it has none.</summary>
    /// <exception cref="PolicyLoadException">The section is not valid metadata JSON.</exception>
    /// <exception cref="WasmFormatException">The bytes are not a WebAssembly module.</exception>
    public static PolicyMetadata? Read(ReadOnlyMemory<byte> module)
    {
        if (!WasmModuleReader.TryGetCustomSection(module, SectionName, out var payload))
        {
            return null;
        }

        try
        {
            return JsonSerializer.Deserialize(payload.Span, MetadataJsonContext.Default.PolicyMetadata)
                ?? throw new PolicyLoadException("the io.kubewarden.metadata section is `null`; expected a JSON object");
        }
        catch (JsonException e)
        {
            throw new PolicyLoadException($"the io.kubewarden.metadata section is not valid policy metadata: {e.Message}", e);
        }
    }
}
