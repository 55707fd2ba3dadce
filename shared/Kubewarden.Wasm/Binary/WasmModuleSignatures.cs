using System.Collections.ObjectModel;

namespace Kubewarden.Wasm.Binary;

/// <summary>
/// Reads the import and export signatures of a WebAssembly core module without compiling it.
/// </summary>
/// <remarks>
/// Function signatures are resolved through the type section (including the garbage collection proposal's
/// recursive groups and subtypes, which are decoded far enough to number the types), the import section and the
/// function section; global types through the import and global sections. The module is not validated beyond
/// what decoding needs.
/// </remarks>
public static class WasmModuleSignatures
{
    private const byte FuncForm = 0x60;
    private const byte StructForm = 0x5F;
    private const byte ArrayForm = 0x5E;
    private const byte RecForm = 0x4E;
    private const byte SubForm = 0x50;
    private const byte SubFinalForm = 0x4F;
    private const byte PackedI8 = 0x78;
    private const byte PackedI16 = 0x77;

    private static readonly IReadOnlyList<WasmValueKind> _none = ReadOnlyCollection<WasmValueKind>.Empty;

    /// <summary>
    /// Reads the imports and exports of <paramref name="module"/> with their function and global types.
    /// </summary>
    /// <param name="module">The module bytes.</param>
    /// <returns>The imports and exports, each in section order.</returns>
    /// <exception cref="WasmFormatException">
    /// The module is malformed, is a component, refers to a type, function, global, table, memory or tag that does not
    /// exist, or uses an encoding this reader cannot decode.
    /// </exception>
    public static WasmModuleSignature Read(ReadOnlySpan<byte> module)
    {
        var state = new State();
        foreach (var section in WasmModuleReader.ParseSections(module))
        {
            var reader = new WasmSpanReader(module[section.PayloadStart..section.End], section.PayloadStart);
            switch (section.Id)
            {
                case WasmSectionId.Type:
                    ReadTypes(ref reader, state);
                    break;
                case WasmSectionId.Import:
                    ReadImports(ref reader, state);
                    break;
                case WasmSectionId.Function:
                    ReadFunctions(ref reader, state);
                    break;
                case WasmSectionId.Table:
                    state.TableCount += reader.ReadVarUInt32();
                    continue; // only the count is needed; the entries are not decoded
                case WasmSectionId.Memory:
                    state.MemoryCount += reader.ReadVarUInt32();
                    continue;
                case WasmSectionId.Tag:
                    state.TagCount += reader.ReadVarUInt32();
                    continue;
                case WasmSectionId.Global:
                    ReadGlobals(ref reader, state);
                    break;
                case WasmSectionId.Export:
                    ReadExports(ref reader, state);
                    break;
                default:
                    continue;
            }

            if (!reader.AtEnd)
            {
                throw new WasmFormatException(
                    $"section {section.Id} at offset {section.Start} has {reader.Remaining} unexpected trailing bytes at offset {reader.Offset}",
                    reader.Offset);
            }
        }

        return new WasmModuleSignature(state.Imports.AsReadOnly(), state.Exports.AsReadOnly());
    }

    private static void ReadTypes(ref WasmSpanReader reader, State state)
    {
        var count = reader.ReadCount();
        for (var i = 0; i < count; i++)
        {
            var offset = reader.Offset;
            var form = reader.ReadByte();
            if (form == RecForm)
            {
                // Every subtype of a recursive group takes its own type index.
                var members = reader.ReadCount();
                for (var j = 0; j < members; j++)
                {
                    var memberOffset = reader.Offset;
                    state.Types.Add(ReadSubType(ref reader, reader.ReadByte(), memberOffset));
                }
            }
            else
            {
                state.Types.Add(ReadSubType(ref reader, form, offset));
            }
        }
    }

    /// <summary>Reads a subtype whose form byte has been read; returns its signature, or null for struct and array types.</summary>
    private static FunctionType? ReadSubType(ref WasmSpanReader reader, byte form, int offset)
    {
        if (form is SubForm or SubFinalForm)
        {
            var supertypes = reader.ReadCount();
            for (var i = 0; i < supertypes; i++)
            {
                reader.ReadVarUInt32();
            }

            offset = reader.Offset;
            form = reader.ReadByte();
        }

        switch (form)
        {
            case FuncForm:
                var parameters = ReadValueKinds(ref reader);
                var results = ReadValueKinds(ref reader);
                return new FunctionType(parameters, results);
            case StructForm:
                var fields = reader.ReadCount();
                for (var i = 0; i < fields; i++)
                {
                    SkipFieldType(ref reader);
                }

                return null;
            case ArrayForm:
                SkipFieldType(ref reader);
                return null;
            default:
                throw new WasmFormatException($"unsupported type form 0x{form:X2} at offset {offset}", offset);
        }
    }

    private static void SkipFieldType(ref WasmSpanReader reader)
    {
        var probe = reader;
        var storage = probe.ReadByte();
        if (storage is PackedI8 or PackedI16)
        {
            reader = probe;
        }
        else
        {
            reader.ReadValueType(out _);
        }

        ReadMutability(ref reader);
    }

    private static void ReadImports(ref WasmSpanReader reader, State state)
    {
        var count = reader.ReadCount();
        for (var i = 0; i < count; i++)
        {
            var moduleName = reader.ReadName();
            var name = reader.ReadName();
            var kindOffset = reader.Offset;
            var kind = reader.ReadByte();
            switch (kind)
            {
                case WasmExternalKind.Function:
                    var type = ReadFunctionTypeIndex(ref reader, state);
                    state.Functions.Add(type);
                    state.Imports.Add(new WasmImportSignature(moduleName, name, WasmExternKind.Function, type.Parameters, type.Results));
                    break;
                case WasmExternalKind.Table:
                    reader.ReadValueType(out _);
                    reader.ReadLimits(out _, out _);
                    state.TableCount++;
                    state.Imports.Add(new WasmImportSignature(moduleName, name, WasmExternKind.Table, _none, _none));
                    break;
                case WasmExternalKind.Memory:
                    reader.ReadLimits(out _, out _);
                    state.MemoryCount++;
                    state.Imports.Add(new WasmImportSignature(moduleName, name, WasmExternKind.Memory, _none, _none));
                    break;
                case WasmExternalKind.Global:
                    var globalType = ReadGlobalType(ref reader);
                    state.Globals.Add(globalType);
                    state.Imports.Add(new WasmImportSignature(moduleName, name, WasmExternKind.Global, _none, globalType));
                    break;
                case WasmExternalKind.Tag:
                    ReadTagType(ref reader, state);
                    state.TagCount++;
                    state.Imports.Add(new WasmImportSignature(moduleName, name, WasmExternKind.Other, _none, _none));
                    break;
                default:
                    throw new WasmFormatException($"unknown import kind 0x{kind:X2} at offset {kindOffset}", kindOffset);
            }
        }
    }

    private static void ReadFunctions(ref WasmSpanReader reader, State state)
    {
        var count = reader.ReadCount();
        for (var i = 0; i < count; i++)
        {
            state.Functions.Add(ReadFunctionTypeIndex(ref reader, state));
        }
    }

    private static void ReadGlobals(ref WasmSpanReader reader, State state)
    {
        var count = reader.ReadCount();
        for (var i = 0; i < count; i++)
        {
            state.Globals.Add(ReadGlobalType(ref reader));
            var initOffset = reader.Offset;
            try
            {
                WasmConstExpr.Skip(ref reader);
            }
            catch (WasmSnapshotNotSupportedException ex)
            {
                throw new WasmFormatException(
                    $"cannot decode the initialiser of global {i} at offset {initOffset}: {ex.Message}", initOffset, ex);
            }
        }
    }

    private static void ReadExports(ref WasmSpanReader reader, State state)
    {
        var count = reader.ReadCount();
        for (var i = 0; i < count; i++)
        {
            var name = reader.ReadName();
            var kindOffset = reader.Offset;
            var kind = reader.ReadByte();
            var indexOffset = reader.Offset;
            var index = reader.ReadVarUInt32();
            switch (kind)
            {
                case WasmExternalKind.Function:
                    var function = state.Functions[CheckIndex(index, state.Functions.Count, "function", indexOffset)];
                    state.Exports.Add(new WasmExportSignature(name, WasmExternKind.Function, function.Parameters, function.Results));
                    break;
                case WasmExternalKind.Table:
                    CheckIndex(index, state.TableCount, "table", indexOffset);
                    state.Exports.Add(new WasmExportSignature(name, WasmExternKind.Table, _none, _none));
                    break;
                case WasmExternalKind.Memory:
                    CheckIndex(index, state.MemoryCount, "memory", indexOffset);
                    state.Exports.Add(new WasmExportSignature(name, WasmExternKind.Memory, _none, _none));
                    break;
                case WasmExternalKind.Global:
                    var global = state.Globals[CheckIndex(index, state.Globals.Count, "global", indexOffset)];
                    state.Exports.Add(new WasmExportSignature(name, WasmExternKind.Global, _none, global));
                    break;
                case WasmExternalKind.Tag:
                    CheckIndex(index, state.TagCount, "tag", indexOffset);
                    state.Exports.Add(new WasmExportSignature(name, WasmExternKind.Other, _none, _none));
                    break;
                default:
                    throw new WasmFormatException($"unknown export kind 0x{kind:X2} at offset {kindOffset}", kindOffset);
            }
        }
    }

    /// <summary>Reads a type index and resolves it to a function type.</summary>
    private static FunctionType ReadFunctionTypeIndex(ref WasmSpanReader reader, State state)
    {
        var offset = reader.Offset;
        var index = reader.ReadVarUInt32();
        var type = state.Types[CheckIndex(index, state.Types.Count, "type", offset)];
        return type ?? throw new WasmFormatException($"type {index} at offset {offset} is not a function type", offset);
    }

    /// <summary>Reads a tag type (attribute and function type index), checking the type exists and is a function type.</summary>
    private static void ReadTagType(ref WasmSpanReader reader, State state)
    {
        var offset = reader.Offset;
        var attribute = reader.ReadByte();
        if (attribute != 0)
        {
            throw new WasmFormatException($"unknown tag attribute 0x{attribute:X2} at offset {offset}", offset);
        }

        ReadFunctionTypeIndex(ref reader, state);
    }

    /// <summary>Reads a global type (value type and mutability) and returns the value type as a one-entry list.</summary>
    private static ReadOnlyCollection<WasmValueKind> ReadGlobalType(ref WasmSpanReader reader)
    {
        var kind = ReadValueKind(ref reader);
        ReadMutability(ref reader);
        return new ReadOnlyCollection<WasmValueKind>([kind]);
    }

    private static void ReadMutability(ref WasmSpanReader reader)
    {
        var offset = reader.Offset;
        var mutability = reader.ReadByte();
        if (mutability > 1)
        {
            throw new WasmFormatException($"unknown mutability 0x{mutability:X2} at offset {offset}", offset);
        }
    }

    private static ReadOnlyCollection<WasmValueKind> ReadValueKinds(ref WasmSpanReader reader)
    {
        var count = reader.ReadCount();
        if (count == 0)
        {
            return ReadOnlyCollection<WasmValueKind>.Empty;
        }

        var kinds = new WasmValueKind[count];
        for (var i = 0; i < count; i++)
        {
            kinds[i] = ReadValueKind(ref reader);
        }

        return new ReadOnlyCollection<WasmValueKind>(kinds);
    }

    private static WasmValueKind ReadValueKind(ref WasmSpanReader reader) => reader.ReadValueType(out _) switch
    {
        WasmSnapshotValueType.I32 => WasmValueKind.I32,
        WasmSnapshotValueType.I64 => WasmValueKind.I64,
        WasmSnapshotValueType.F32 => WasmValueKind.F32,
        WasmSnapshotValueType.F64 => WasmValueKind.F64,
        WasmSnapshotValueType.V128 => WasmValueKind.V128,
        null => WasmValueKind.Reference,
        var other => throw new InvalidOperationException($"unexpected value type {other}"),
    };

    private static int CheckIndex(uint index, long count, string what, int offset)
    {
        if (index >= count)
        {
            throw new WasmFormatException($"{what} index {index} at offset {offset} is out of range (there are {count})", offset);
        }

        return (int)index;
    }

    private sealed record FunctionType(ReadOnlyCollection<WasmValueKind> Parameters, ReadOnlyCollection<WasmValueKind> Results);

    private sealed class State
    {
        public List<FunctionType?> Types { get; } = [];

        public List<FunctionType> Functions { get; } = [];

        public List<ReadOnlyCollection<WasmValueKind>> Globals { get; } = [];

        public long TableCount { get; set; }

        public long MemoryCount { get; set; }

        public long TagCount { get; set; }

        public List<WasmImportSignature> Imports { get; } = [];

        public List<WasmExportSignature> Exports { get; } = [];
    }
}
