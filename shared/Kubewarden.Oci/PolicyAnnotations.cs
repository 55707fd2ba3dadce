using System.Text.Json;
using Kubewarden.Wasm.Binary;

namespace Kubewarden.Oci;

/// <summary>
/// The manifest annotations kwctl derives from a module's <c>io.kubewarden.metadata</c> custom section: single-line
/// values only, trimmed, with <c>io.kubewarden.policy.source</c> copied to <c>org.opencontainers.image.source</c>.
/// </summary>
internal static class PolicyAnnotations
{
    public const string MetadataSection = "io.kubewarden.metadata";
    public const string PolicySource = "io.kubewarden.policy.source";
    public const string ImageSource = "org.opencontainers.image.source";

    public static SortedDictionary<string, string> Read(ReadOnlyMemory<byte> module)
    {
        var annotations = new SortedDictionary<string, string>(StringComparer.Ordinal);
        ReadOnlyMemory<byte> payload;
        try
        {
            if (!WasmModuleReader.TryGetCustomSection(module, MetadataSection, out payload))
            {
                return annotations;
            }
        }
        catch (WasmFormatException e)
        {
            throw new ArgumentException($"the module to push is not a valid WebAssembly module: {e.Message}", nameof(module), e);
        }

        using var metadata = ParseMetadata(payload);
        if (!metadata.RootElement.TryGetProperty("annotations", out var section) || section.ValueKind != JsonValueKind.Object)
        {
            return annotations;
        }

        foreach (var property in section.EnumerateObject())
        {
            if (property.Value.ValueKind == JsonValueKind.String && property.Value.GetString() is { } value && IsSingleLine(value))
            {
                annotations[property.Name] = value.Trim();
            }
        }

        if (annotations.TryGetValue(PolicySource, out var source))
        {
            annotations.TryAdd(ImageSource, source);
        }

        return annotations;
    }

    private static JsonDocument ParseMetadata(ReadOnlyMemory<byte> payload)
    {
        try
        {
            return JsonDocument.Parse(payload);
        }
        catch (JsonException e)
        {
            throw new ArgumentException($"the module's {MetadataSection} custom section is not JSON: {e.Message}", "module", e);
        }
    }

    // As Rust's str::lines: a single trailing newline does not start a second line.
    private static bool IsSingleLine(string value)
    {
        var newline = value.IndexOf('\n', StringComparison.Ordinal);
        return newline < 0 || newline == value.Length - 1;
    }
}
