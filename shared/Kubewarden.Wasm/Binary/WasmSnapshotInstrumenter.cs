using System.Buffers;
using System.Globalization;

namespace Kubewarden.Wasm.Binary;

/// <summary>
/// Instruments a module so that the state a snapshot needs (defined globals, memory, tables) is exported.
/// </summary>
public static class WasmSnapshotInstrumenter
{
    /// <summary>The prefix of the export names added for defined globals.</summary>
    public const string GlobalExportPrefix = "__kw_snapshot_global_";

    /// <summary>The export name added for memory 0.</summary>
    public const string MemoryExportName = "__kw_snapshot_memory";

    /// <summary>The prefix of the export names added for defined tables.</summary>
    public const string TableExportPrefix = "__kw_snapshot_table_";

    /// <summary>
    /// Adds exports for every defined global (<c>__kw_snapshot_global_i</c>), memory 0 (<c>__kw_snapshot_memory</c>)
    /// and every defined table (<c>__kw_snapshot_table_i</c>).
    /// </summary>
    /// <param name="module">The original module.</param>
    /// <returns>The instrumented module and the names of the added exports.</returns>
    /// <exception cref="WasmFormatException">The module is malformed.</exception>
    /// <exception cref="WasmSnapshotNotSupportedException">The module's state cannot be snapshotted.</exception>
    public static WasmInstrumentedModule Instrument(ReadOnlySpan<byte> module)
    {
        var layout = WasmModuleLayout.Parse(module);
        layout.EnsureSnapshotSupported();

        var entries = new ArrayBufferWriter<byte>();
        var added = 0;

        var globals = new WasmSnapshotGlobal[layout.DefinedGlobals.Count];
        for (var i = 0; i < globals.Length; i++)
        {
            var global = layout.DefinedGlobals[i];
            var name = GlobalExportPrefix + i.ToString(CultureInfo.InvariantCulture);
            WriteExport(entries, layout, name, WasmExternalKind.Global, (uint)(layout.ImportedGlobalCount + i));
            added++;
            globals[i] = new WasmSnapshotGlobal(i, name, global.Type!.Value, global.Mutable);
        }

        string? memoryExport = null;
        if (layout.DefinedMemories.Count == 1)
        {
            memoryExport = MemoryExportName;
            WriteExport(entries, layout, memoryExport, WasmExternalKind.Memory, 0);
            added++;
        }

        var tables = new string[layout.DefinedTableCount];
        for (var i = 0; i < tables.Length; i++)
        {
            tables[i] = TableExportPrefix + i.ToString(CultureInfo.InvariantCulture);
            WriteExport(entries, layout, tables[i], WasmExternalKind.Table, (uint)(layout.ImportedTableCount + i));
            added++;
        }

        if (added == 0)
        {
            return new WasmInstrumentedModule(module.ToArray(), globals, memoryExport, tables);
        }

        var payload = new ArrayBufferWriter<byte>();
        WasmEncoder.WriteVarUInt32(payload, (uint)(layout.ExportCount + added));
        var edits = new WasmModuleEdits();
        var exportIndex = layout.IndexOf(WasmSectionId.Export);
        if (exportIndex >= 0)
        {
            payload.Write(module[layout.ExportEntriesStart..layout.Sections[exportIndex].End]);
            payload.Write(entries.WrittenSpan);
            edits.Replace(exportIndex, payload.WrittenSpan.ToArray());
        }
        else
        {
            payload.Write(entries.WrittenSpan);
            edits.Insert(WasmSectionId.Export, payload.WrittenSpan.ToArray());
        }

        return new WasmInstrumentedModule(edits.Apply(module, layout.Sections), globals, memoryExport, tables);
    }

    private static void WriteExport(ArrayBufferWriter<byte> entries, WasmModuleLayout layout, string name, byte kind, uint index)
    {
        if (layout.ExportNames.Contains(name))
        {
            throw new WasmSnapshotNotSupportedException($"the module already has an export named '{name}'");
        }

        WasmEncoder.WriteName(entries, name);
        WasmEncoder.WriteByte(entries, kind);
        WasmEncoder.WriteVarUInt32(entries, index);
    }
}
