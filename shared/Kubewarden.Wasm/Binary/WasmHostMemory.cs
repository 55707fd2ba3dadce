using System.Buffers;

namespace Kubewarden.Wasm.Binary;

/// <summary>
/// Provides a memory a module imports (OPA modules import <c>env.memory</c>) by turning the import into a memory the
/// module defines and exports, before compilation. Each instance still starts with a fresh memory of the size the host
/// chose, exactly as with an imported one; the engine contract stays about functions, and engines can use their fast
/// instantiation paths (pooling, pre-instantiation, V8's memory caps), which need modules that own their memory.
/// </summary>
public static class WasmHostMemory
{
    /// <summary>The export name the defined memory gets when the module does not export it already.</summary>
    public const string ExportName = "memory";

    /// <summary>
    /// The module with its import <paramref name="module"/>.<paramref name="name"/> replaced by a defined memory of at least
    /// <paramref name="minimumPages"/> pages (more when the import asks for more), keeping the import's maximum if it has one.
    /// </summary>
    /// <exception cref="WasmFormatException">The module does not import that memory, or also defines memories of its own.</exception>
    public static byte[] Define(ReadOnlySpan<byte> wasm, string module, string name, ulong minimumPages)
    {
        var layout = WasmModuleLayout.Parse(wasm);
        if (!layout.MemoryImports.Any(m => m.Module == module && m.Name == name))
        {
            throw new WasmFormatException($"the module does not import the memory `{module}`.`{name}`", 0);
        }

        if (layout.ImportedMemoryCount > 1 || layout.DefinedMemories.Count > 0)
        {
            throw new WasmFormatException(
                $"the module imports `{module}`.`{name}` and has {layout.ImportedMemoryCount + layout.DefinedMemories.Count - 1} other memories; only a single memory is supported", 0);
        }

        var import = layout.MemoryImports[0];
        var importIndex = layout.IndexOf(WasmSectionId.Import);
        var imports = new ArrayBufferWriter<byte>();
        WasmEncoder.WriteVarUInt32(imports, (uint)(layout.ImportCount - 1));
        imports.Write(wasm[layout.ImportEntriesStart..import.EntryStart]);
        imports.Write(wasm[import.EntryEnd..layout.Sections[importIndex].End]);

        var limits = import.Limits;
        var minimum = Math.Max(limits.Minimum, minimumPages);
        var memory = new ArrayBufferWriter<byte>();
        WasmEncoder.WriteVarUInt32(memory, 1);
        WasmEncoder.WriteVarUInt32(memory, limits.Flags);
        WasmEncoder.WriteVarUInt64(memory, minimum);
        if (limits.Maximum is { } maximum)
        {
            WasmEncoder.WriteVarUInt64(memory, Math.Max(maximum, minimum));
        }

        var edits = new WasmModuleEdits();
        edits.Replace(importIndex, imports.WrittenSpan.ToArray());
        edits.Insert(WasmSectionId.Memory, memory.WrittenSpan.ToArray());
        if (!layout.ExportNames.Contains(ExportName))
        {
            var exports = new WasmExportAppender(layout);
            exports.Add(ExportName, WasmExternalKind.Memory, 0);
            exports.ApplyTo(wasm, edits);
        }

        return edits.Apply(wasm, layout.Sections);
    }
}
