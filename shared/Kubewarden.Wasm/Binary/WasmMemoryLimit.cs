using System.Buffers;

namespace Kubewarden.Wasm.Binary;

/// <summary>
/// Caps a module's own memory by rewriting its declared maximum, for engines whose heap limits do not cover Wasm
/// memory (V8): past the cap <c>memory.grow</c> returns −1, as with Wasmtime's store limits.
/// </summary>
public static class WasmMemoryLimit
{
    /// <summary>
    /// The module with its defined memory's maximum lowered to <paramref name="maxPages"/> (unchanged when it has no
    /// memory or a lower maximum); a memory whose minimum is above the cap makes the module invalid.
    /// </summary>
    public static byte[] Apply(ReadOnlySpan<byte> module, long maxPages)
    {
        var layout = WasmModuleLayout.Parse(module);
        if (layout.DefinedMemories.Count == 0)
        {
            return module.ToArray();
        }

        var memory = layout.DefinedMemories[0];
        // A memory that starts above the cap gets a maximum below its minimum: the engine then refuses to instantiate
        // it, as Wasmtime's store limits do.
        var maximum = (ulong)maxPages;
        if (memory.Maximum is { } declared && declared <= maximum)
        {
            return module.ToArray();
        }

        var payload = new ArrayBufferWriter<byte>();
        WasmEncoder.WriteVarUInt32(payload, (uint)layout.DefinedMemories.Count);
        for (var i = 0; i < layout.DefinedMemories.Count; i++)
        {
            var entry = layout.DefinedMemories[i];
            var max = i == 0 ? maximum : entry.Maximum;
            WasmEncoder.WriteVarUInt32(payload, max is null ? entry.Flags : entry.Flags | 0x01);
            WasmEncoder.WriteVarUInt64(payload, entry.Minimum);
            if (max is { } value)
            {
                WasmEncoder.WriteVarUInt64(payload, value);
            }
        }

        var edits = new WasmModuleEdits();
        edits.Replace(layout.IndexOf(WasmSectionId.Memory), payload.WrittenSpan.ToArray());
        return edits.Apply(module, layout.Sections);
    }
}
