namespace Kubewarden.Wasm.Binary;

/// <summary>
/// Turns a module's start function into an export, for engines whose host functions cannot reach the instance (its
/// memory) while the start function runs inside instantiation (V8): the engine calls the export right after
/// instantiating, which the guest cannot tell apart.
/// </summary>
public static class WasmStartFunction
{
    /// <summary>The export name given to the former start function.</summary>
    public const string ExportName = "__kw_start";

    /// <summary>The module without its start section and with the start function exported; unchanged when it has none.</summary>
    public static (byte[] Module, bool HadStart) Detach(ReadOnlySpan<byte> module)
    {
        var layout = WasmModuleLayout.Parse(module);
        var startIndex = layout.IndexOf(WasmSectionId.Start);
        if (startIndex < 0)
        {
            return (module.ToArray(), false);
        }

        var section = layout.Sections[startIndex];
        var reader = new WasmSpanReader(module[section.ContentStart..section.End], section.ContentStart);
        var function = reader.ReadVarUInt32();
        var exports = new WasmExportAppender(layout);
        exports.Add(ExportName, WasmExternalKind.Function, function);
        var edits = new WasmModuleEdits();
        edits.Remove(startIndex);
        exports.ApplyTo(module, edits);
        return (edits.Apply(module, layout.Sections), true);
    }
}
