namespace Kubewarden.Wasm.Binary;

/// <summary>
/// What the snapshot tools need to know about a module: its sections, imports, defined tables, memories, globals and exports.
/// </summary>
internal sealed class WasmModuleLayout
{
    private WasmModuleLayout(List<WasmRawSection> sections)
    {
        Sections = sections;
    }

    /// <summary>The sections of the module, in order.</summary>
    public List<WasmRawSection> Sections { get; }

    /// <summary>The number of imported tables.</summary>
    public int ImportedTableCount { get; private set; }

    /// <summary>The number of imported memories.</summary>
    public int ImportedMemoryCount => MemoryImports.Count;

    /// <summary>The imported memories, with where their import entries lie.</summary>
    public List<WasmMemoryImport> MemoryImports { get; } = [];

    /// <summary>The number of imports.</summary>
    public int ImportCount { get; private set; }

    /// <summary>The offset of the first import entry (after the count), when there is an import section.</summary>
    public int ImportEntriesStart { get; private set; }

    /// <summary>The number of imported globals.</summary>
    public int ImportedGlobalCount { get; private set; }

    /// <summary>The number of tables the module defines.</summary>
    public int DefinedTableCount { get; private set; }

    /// <summary>The memories the module defines.</summary>
    public List<WasmMemoryEntry> DefinedMemories { get; } = [];

    /// <summary>The globals the module defines.</summary>
    public List<WasmGlobalEntry> DefinedGlobals { get; } = [];

    /// <summary>The names of the module's exports.</summary>
    public HashSet<string> ExportNames { get; } = new(StringComparer.Ordinal);

    /// <summary>The number of exports.</summary>
    public int ExportCount { get; private set; }

    /// <summary>The offset of the first export entry (after the count), when there is an export section.</summary>
    public int ExportEntriesStart { get; private set; }

    /// <summary>Parses the sections the snapshot tools need.</summary>
    public static WasmModuleLayout Parse(ReadOnlySpan<byte> module)
    {
        var layout = new WasmModuleLayout(WasmModuleReader.ParseSections(module));
        foreach (var section in layout.Sections)
        {
            var reader = new WasmSpanReader(module[section.PayloadStart..section.End], section.PayloadStart);
            switch (section.Id)
            {
                case WasmSectionId.Import:
                    layout.ParseImports(ref reader);
                    break;
                case WasmSectionId.Table:
                    layout.DefinedTableCount = (int)reader.ReadVarUInt32();
                    break;
                case WasmSectionId.Memory:
                    layout.ParseMemories(ref reader);
                    break;
                case WasmSectionId.Global:
                    layout.ParseGlobals(ref reader);
                    break;
                case WasmSectionId.Export:
                    layout.ParseExports(ref reader);
                    break;
                default:
                    continue;
            }

            if (section.Id != WasmSectionId.Table && !reader.AtEnd)
            {
                throw new WasmFormatException(
                    $"section {section.Id} at offset {section.Start} has {reader.Remaining} unexpected trailing bytes at offset {reader.Offset}",
                    reader.Offset);
            }
        }

        return layout;
    }

    /// <summary>Returns the index of the section with the given id, or -1.</summary>
    public int IndexOf(byte id) => WasmModuleReader.IndexOf(Sections, id);

    /// <summary>Throws when the module's state cannot be captured and restored by a snapshot.</summary>
    public void EnsureSnapshotSupported()
    {
        if (ImportedMemoryCount > 0)
        {
            throw new WasmSnapshotNotSupportedException(
                "the module imports its memory; only modules that define their own memory can be snapshotted");
        }

        if (DefinedMemories.Count > 1)
        {
            throw new WasmSnapshotNotSupportedException(
                $"the module defines {DefinedMemories.Count} memories; only modules with at most one memory can be snapshotted");
        }

        if (DefinedMemories.Count == 1)
        {
            var memory = DefinedMemories[0];
            if (memory.Is64)
            {
                throw new WasmSnapshotNotSupportedException("the module uses a 64-bit memory (memory64), which cannot be snapshotted");
            }

            if (memory.HasCustomPageSize)
            {
                throw new WasmSnapshotNotSupportedException("the module's memory has a custom page size, which cannot be snapshotted");
            }
        }

        for (var i = 0; i < DefinedGlobals.Count; i++)
        {
            var global = DefinedGlobals[i];
            if (global.Type is null)
            {
                throw new WasmSnapshotNotSupportedException(
                    $"defined global {i} (global index {ImportedGlobalCount + i}) has reference type {global.TypeName}, whose value cannot be snapshotted");
            }
        }
    }

    private void ParseImports(ref WasmSpanReader reader)
    {
        ImportCount = reader.ReadCount();
        ImportEntriesStart = reader.Offset;
        for (var i = 0; i < ImportCount; i++)
        {
            var entryStart = reader.Offset;
            var module = reader.ReadName();
            var name = reader.ReadName();
            var kindOffset = reader.Offset;
            var kind = reader.ReadByte();
            switch (kind)
            {
                case WasmExternalKind.Function:
                    reader.ReadVarUInt32();
                    break;
                case WasmExternalKind.Table:
                    reader.ReadValueType(out _);
                    reader.ReadLimits(out _, out _);
                    ImportedTableCount++;
                    break;
                case WasmExternalKind.Memory:
                    var flags = reader.ReadLimits(out var minimum, out var maximum);
                    MemoryImports.Add(new WasmMemoryImport(module, name, entryStart, reader.Offset, new WasmMemoryEntry(flags, minimum, maximum)));
                    break;
                case WasmExternalKind.Global:
                    reader.ReadValueType(out _);
                    reader.ReadByte();
                    ImportedGlobalCount++;
                    break;
                case WasmExternalKind.Tag:
                    reader.ReadByte();
                    reader.ReadVarUInt32();
                    break;
                default:
                    throw new WasmFormatException($"unknown import kind 0x{kind:X2} at offset {kindOffset}", kindOffset);
            }
        }
    }

    private void ParseMemories(ref WasmSpanReader reader)
    {
        var count = reader.ReadCount();
        for (var i = 0; i < count; i++)
        {
            var flags = reader.ReadLimits(out var minimum, out var maximum);
            DefinedMemories.Add(new WasmMemoryEntry(flags, minimum, maximum));
        }
    }

    private void ParseGlobals(ref WasmSpanReader reader)
    {
        var count = reader.ReadCount();
        for (var i = 0; i < count; i++)
        {
            var start = reader.Offset;
            var type = reader.ReadValueType(out var typeName);
            var mutabilityOffset = reader.Offset;
            var mutability = reader.ReadByte();
            if (mutability > 1)
            {
                throw new WasmFormatException($"unknown global mutability 0x{mutability:X2} at offset {mutabilityOffset}", mutabilityOffset);
            }

            var initStart = reader.Offset;
            WasmConstExpr.Skip(ref reader);
            DefinedGlobals.Add(new WasmGlobalEntry(type, typeName, mutability == 1, start, initStart, reader.Offset));
        }
    }

    private void ParseExports(ref WasmSpanReader reader)
    {
        ExportCount = reader.ReadCount();
        ExportEntriesStart = reader.Offset;
        for (var i = 0; i < ExportCount; i++)
        {
            ExportNames.Add(reader.ReadName());
            reader.ReadByte();
            reader.ReadVarUInt32();
        }
    }
}
