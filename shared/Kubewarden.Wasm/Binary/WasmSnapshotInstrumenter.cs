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

        var exports = new WasmExportAppender(layout);

        var globals = new WasmSnapshotGlobal[layout.DefinedGlobals.Count];
        for (var i = 0; i < globals.Length; i++)
        {
            var global = layout.DefinedGlobals[i];
            var name = GlobalExportPrefix + i.ToString(CultureInfo.InvariantCulture);
            exports.Add(name, WasmExternalKind.Global, (uint)(layout.ImportedGlobalCount + i));
            globals[i] = new WasmSnapshotGlobal(i, name, global.Type!.Value, global.Mutable);
        }

        string? memoryExport = null;
        if (layout.DefinedMemories.Count == 1)
        {
            memoryExport = MemoryExportName;
            exports.Add(memoryExport, WasmExternalKind.Memory, 0);
        }

        var tables = new string[layout.DefinedTableCount];
        for (var i = 0; i < tables.Length; i++)
        {
            tables[i] = TableExportPrefix + i.ToString(CultureInfo.InvariantCulture);
            exports.Add(tables[i], WasmExternalKind.Table, (uint)(layout.ImportedTableCount + i));
        }

        if (exports.Count == 0)
        {
            return new WasmInstrumentedModule(module.ToArray(), globals, memoryExport, tables);
        }

        var edits = new WasmModuleEdits();
        exports.ApplyTo(module, edits);
        return new WasmInstrumentedModule(edits.Apply(module, layout.Sections), globals, memoryExport, tables);
    }
}
