using System.Buffers;

namespace Kubewarden.Wasm.Binary;

/// <summary>Adds export entries to a module's export section (creating the section when the module has none).</summary>
internal sealed class WasmExportAppender(WasmModuleLayout layout)
{
    private readonly ArrayBufferWriter<byte> _entries = new();

    public int Count { get; private set; }

    /// <exception cref="WasmSnapshotNotSupportedException">The module already exports that name.</exception>
    public void Add(string name, byte kind, uint index)
    {
        if (layout.ExportNames.Contains(name))
        {
            throw new WasmSnapshotNotSupportedException($"the module already has an export named '{name}'");
        }

        WasmEncoder.WriteName(_entries, name);
        WasmEncoder.WriteByte(_entries, kind);
        WasmEncoder.WriteVarUInt32(_entries, index);
        Count++;
    }

    /// <summary>Records the rewritten export section in <paramref name="edits"/>.</summary>
    public void ApplyTo(ReadOnlySpan<byte> module, WasmModuleEdits edits)
    {
        var payload = new ArrayBufferWriter<byte>();
        WasmEncoder.WriteVarUInt32(payload, (uint)(layout.ExportCount + Count));
        var exportIndex = layout.IndexOf(WasmSectionId.Export);
        if (exportIndex >= 0)
        {
            payload.Write(module[layout.ExportEntriesStart..layout.Sections[exportIndex].End]);
            payload.Write(_entries.WrittenSpan);
            edits.Replace(exportIndex, payload.WrittenSpan.ToArray());
        }
        else
        {
            payload.Write(_entries.WrittenSpan);
            edits.Insert(WasmSectionId.Export, payload.WrittenSpan.ToArray());
        }
    }
}
