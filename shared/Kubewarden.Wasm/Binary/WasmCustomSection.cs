using System.Buffers;
using System.Text;

namespace Kubewarden.Wasm.Binary;

/// <summary>
/// Adds custom sections to WebAssembly modules.
/// </summary>
public static class WasmCustomSection
{
    /// <summary>
    /// Returns a copy of <paramref name="module"/> with a custom section appended at the end.
    /// </summary>
    /// <param name="module">The module bytes; they are checked to be a well-formed sequence of sections.</param>
    /// <param name="name">The custom section name.</param>
    /// <param name="payload">The section content after the name.</param>
    /// <returns>The new module.</returns>
    /// <exception cref="WasmFormatException">The module is malformed.</exception>
    public static byte[] Append(ReadOnlySpan<byte> module, string name, ReadOnlySpan<byte> payload)
    {
        ArgumentNullException.ThrowIfNull(name);
        WasmModuleReader.ParseSections(module);

        var nameBytes = Encoding.UTF8.GetBytes(name);
        var content = new ArrayBufferWriter<byte>(nameBytes.Length + payload.Length + 5);
        WasmEncoder.WriteVarUInt32(content, (uint)nameBytes.Length);
        content.Write(nameBytes);
        content.Write(payload);

        var output = new ArrayBufferWriter<byte>(module.Length + content.WrittenCount + 6);
        output.Write(module);
        WasmEncoder.WriteSection(output, WasmSectionId.Custom, content.WrittenSpan);
        return output.WrittenSpan.ToArray();
    }
}
