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
        var importIndex = layout.IndexOf(WasmSectionId.Import);
        var import = importIndex < 0 ? null : FindMemoryImport(wasm, layout.Sections[importIndex], module, name);
        if (import is not { } found)
        {
            throw new WasmFormatException($"the module does not import the memory `{module}`.`{name}`", 0);
        }

        if (layout.ImportedMemoryCount > 1 || layout.DefinedMemories.Count > 0)
        {
            throw new WasmFormatException(
                $"the module imports `{module}`.`{name}` and has {layout.ImportedMemoryCount + layout.DefinedMemories.Count - 1} other memories; only a single memory is supported", 0);
        }

        var section = layout.Sections[importIndex];
        var imports = new ArrayBufferWriter<byte>();
        WasmEncoder.WriteVarUInt32(imports, (uint)(found.Count - 1));
        imports.Write(wasm[found.EntriesStart..found.EntryStart]);
        imports.Write(wasm[found.EntryEnd..section.End]);

        var memory = new ArrayBufferWriter<byte>();
        WasmEncoder.WriteVarUInt32(memory, 1);
        WasmEncoder.WriteVarUInt32(memory, found.Flags);
        WasmEncoder.WriteVarUInt64(memory, Math.Max(found.Minimum, minimumPages));
        if (found.Maximum is { } maximum)
        {
            WasmEncoder.WriteVarUInt64(memory, Math.Max(maximum, Math.Max(found.Minimum, minimumPages)));
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

    private static MemoryImport? FindMemoryImport(ReadOnlySpan<byte> wasm, WasmRawSection section, string module, string name)
    {
        var reader = new WasmSpanReader(wasm[section.PayloadStart..section.End], section.PayloadStart);
        var count = reader.ReadCount();
        var entriesStart = reader.Offset;
        for (var i = 0; i < count; i++)
        {
            var entryStart = reader.Offset;
            var importModule = reader.ReadName();
            var importName = reader.ReadName();
            var kind = reader.ReadByte();
            switch (kind)
            {
                case WasmExternalKind.Function:
                    reader.ReadVarUInt32();
                    break;
                case WasmExternalKind.Table:
                    reader.ReadValueType(out _);
                    reader.ReadLimits(out _, out _);
                    break;
                case WasmExternalKind.Memory:
                    var flags = reader.ReadLimits(out var minimum, out var maximum);
                    if (importModule == module && importName == name)
                    {
                        return new MemoryImport(count, entriesStart, entryStart, reader.Offset, flags, minimum, maximum);
                    }

                    break;
                case WasmExternalKind.Global:
                    reader.ReadValueType(out _);
                    reader.ReadByte();
                    break;
                default:
                    reader.ReadByte();
                    reader.ReadVarUInt32();
                    break;
            }
        }

        return null;
    }

    private readonly record struct MemoryImport(int Count, int EntriesStart, int EntryStart, int EntryEnd, uint Flags, ulong Minimum, ulong? Maximum);
}
