using System.Buffers;

namespace Kubewarden.Wasm.Binary;

/// <summary>
/// Writes a snapshot module: the original module with the state of an initialised instance baked into its
/// global initialisers and data segments, so that every instantiation starts already initialised.
/// </summary>
public static class WasmSnapshotBuilder
{
    /// <summary>
    /// Builds the snapshot of <paramref name="original"/> (the uninstrumented module) holding <paramref name="state"/>.
    /// </summary>
    /// <param name="original">The original, uninstrumented module.</param>
    /// <param name="state">The globals and memory read from an initialised instance of the instrumented module.</param>
    /// <returns>The snapshot module.</returns>
    /// <exception cref="WasmFormatException">The module is malformed.</exception>
    /// <exception cref="WasmSnapshotNotSupportedException">The module or the state cannot be snapshotted.</exception>
    /// <exception cref="ArgumentException">The state does not match the module.</exception>
    public static byte[] Build(ReadOnlySpan<byte> original, WasmSnapshotState state)
    {
        ArgumentNullException.ThrowIfNull(state);
        var layout = WasmModuleLayout.Parse(original);
        layout.EnsureSnapshotSupported();
        var edits = new WasmModuleEdits();

        RewriteGlobals(original, layout, state, edits);
        if (layout.DefinedMemories.Count == 1)
        {
            RewriteMemory(layout, state, edits);
            RewriteData(original, layout, state, edits);
        }
        else if (state.MemoryPages != 0 || !state.Memory.IsEmpty)
        {
            throw new ArgumentException("the module defines no memory but the state holds memory contents", nameof(state));
        }

        var startIndex = layout.IndexOf(WasmSectionId.Start);
        if (startIndex >= 0)
        {
            edits.Remove(startIndex);
        }

        return edits.Apply(original, layout.Sections);
    }

    private static void RewriteGlobals(ReadOnlySpan<byte> original, WasmModuleLayout layout, WasmSnapshotState state, WasmModuleEdits edits)
    {
        if (state.Globals.Count == 0)
        {
            return;
        }

        var values = new WasmSnapshotGlobalValue?[layout.DefinedGlobals.Count];
        foreach (var value in state.Globals)
        {
            if (value.DefinedIndex < 0 || value.DefinedIndex >= values.Length)
            {
                throw new ArgumentException(
                    $"the state holds a value for defined global {value.DefinedIndex} but the module defines {values.Length} globals",
                    nameof(state));
            }

            var global = layout.DefinedGlobals[value.DefinedIndex];
            if (global.Type != value.Type)
            {
                throw new ArgumentException(
                    $"the state holds a {value.Type} value for defined global {value.DefinedIndex}, whose type is {global.TypeName}",
                    nameof(state));
            }

            values[value.DefinedIndex] = value;
        }

        var payload = new ArrayBufferWriter<byte>();
        WasmEncoder.WriteVarUInt32(payload, (uint)values.Length);
        for (var i = 0; i < values.Length; i++)
        {
            var global = layout.DefinedGlobals[i];
            if (values[i] is { } value)
            {
                payload.Write(original[global.Start..global.InitStart]);
                WriteConstant(payload, value);
            }
            else
            {
                payload.Write(original[global.Start..global.End]);
            }
        }

        edits.Replace(layout.IndexOf(WasmSectionId.Global), payload.WrittenSpan.ToArray());
    }

    private static void WriteConstant(ArrayBufferWriter<byte> payload, WasmSnapshotGlobalValue value)
    {
        switch (value.Type)
        {
            case WasmSnapshotValueType.I32:
                WasmEncoder.WriteByte(payload, 0x41);
                WasmEncoder.WriteVarInt32(payload, unchecked((int)(uint)value.Bits));
                break;
            case WasmSnapshotValueType.I64:
                WasmEncoder.WriteByte(payload, 0x42);
                WasmEncoder.WriteVarInt64(payload, unchecked((long)value.Bits));
                break;
            case WasmSnapshotValueType.F32:
                WasmEncoder.WriteByte(payload, 0x43);
                WasmEncoder.WriteUInt32LittleEndian(payload, unchecked((uint)value.Bits));
                break;
            case WasmSnapshotValueType.F64:
                WasmEncoder.WriteByte(payload, 0x44);
                WasmEncoder.WriteUInt64LittleEndian(payload, value.Bits);
                break;
            case WasmSnapshotValueType.V128:
                WasmEncoder.WriteByte(payload, 0xFD);
                WasmEncoder.WriteVarUInt32(payload, 12);
                WasmEncoder.WriteUInt64LittleEndian(payload, value.Bits);
                WasmEncoder.WriteUInt64LittleEndian(payload, value.HighBits);
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(value), value.Type, "unknown value type");
        }

        WasmEncoder.WriteByte(payload, 0x0B);
    }

    private static void RewriteMemory(WasmModuleLayout layout, WasmSnapshotState state, WasmModuleEdits edits)
    {
        var memory = layout.DefinedMemories[0];
        var pages = state.MemoryPages;
        if (pages < 0 || (ulong)pages < memory.Minimum)
        {
            throw new ArgumentException(
                $"the state's memory size of {pages} pages is below the module's minimum of {memory.Minimum} pages", nameof(state));
        }

        if (pages > WasmMemoryEntry.MaxPages32)
        {
            throw new WasmSnapshotNotSupportedException($"a memory of {pages} pages is larger than a 32-bit memory can be");
        }

        if (memory.Maximum is { } maximum && maximum < (ulong)pages)
        {
            throw new WasmSnapshotNotSupportedException(
                $"the memory grew to {pages} pages, above its declared maximum of {maximum} pages");
        }

        if (state.Memory.Length > pages * WasmMemoryEntry.PageSize)
        {
            throw new ArgumentException(
                $"the state holds {state.Memory.Length} bytes of memory, more than its {pages} pages", nameof(state));
        }

        var payload = new ArrayBufferWriter<byte>();
        WasmEncoder.WriteVarUInt32(payload, 1);
        WasmEncoder.WriteVarUInt32(payload, memory.Flags);
        WasmEncoder.WriteVarUInt32(payload, (uint)pages);
        if (memory.Maximum is { } max)
        {
            WasmEncoder.WriteVarUInt32(payload, (uint)max);
        }

        edits.Replace(layout.IndexOf(WasmSectionId.Memory), payload.WrittenSpan.ToArray());
    }

    private static void RewriteData(ReadOnlySpan<byte> original, WasmModuleLayout layout, WasmSnapshotState state, WasmModuleEdits edits)
    {
        var segments = new ArrayBufferWriter<byte>();
        var count = 0;

        var dataIndex = layout.IndexOf(WasmSectionId.Data);
        if (dataIndex >= 0)
        {
            var section = layout.Sections[dataIndex];
            var reader = new WasmSpanReader(original[section.PayloadStart..section.End], section.PayloadStart);
            var originalCount = reader.ReadCount();
            for (var i = 0; i < originalCount; i++)
            {
                var segmentStart = reader.Offset;
                var flags = reader.ReadVarUInt32();
                switch (flags)
                {
                    case 0: // active, memory 0
                        WasmConstExpr.Skip(ref reader);
                        reader.Skip(reader.ReadCount());
                        WriteEmptyActiveSegment(segments);
                        break;
                    case 1: // passive: kept, so memory.init and data.drop keep working
                        reader.Skip(reader.ReadCount());
                        segments.Write(original[segmentStart..reader.Offset]);
                        break;
                    case 2: // active, explicit memory index
                        reader.ReadVarUInt32();
                        WasmConstExpr.Skip(ref reader);
                        reader.Skip(reader.ReadCount());
                        WriteEmptyActiveSegment(segments);
                        break;
                    default:
                        throw new WasmFormatException($"unknown data segment flags {flags} at offset {segmentStart}", segmentStart);
                }

                count++;
            }

            if (!reader.AtEnd)
            {
                throw new WasmFormatException(
                    $"section {section.Id} at offset {section.Start} has {reader.Remaining} unexpected trailing bytes at offset {reader.Offset}",
                    reader.Offset);
            }
        }

        foreach (var (offset, length) in WasmMemoryRuns.Find(state.Memory.Span))
        {
            WasmEncoder.WriteVarUInt32(segments, 0);
            WasmEncoder.WriteByte(segments, 0x41);
            WasmEncoder.WriteVarInt32(segments, offset);
            WasmEncoder.WriteByte(segments, 0x0B);
            WasmEncoder.WriteVarUInt32(segments, (uint)length);
            segments.Write(state.Memory.Span.Slice(offset, length));
            count++;
        }

        var payload = new ArrayBufferWriter<byte>(segments.WrittenCount + 5);
        WasmEncoder.WriteVarUInt32(payload, (uint)count);
        payload.Write(segments.WrittenSpan);
        if (dataIndex >= 0)
        {
            edits.Replace(dataIndex, payload.WrittenSpan.ToArray());
        }
        else if (count > 0)
        {
            edits.Insert(WasmSectionId.Data, payload.WrittenSpan.ToArray());
        }

        var dataCountIndex = layout.IndexOf(WasmSectionId.DataCount);
        if (dataCountIndex >= 0)
        {
            var dataCount = new ArrayBufferWriter<byte>(5);
            WasmEncoder.WriteVarUInt32(dataCount, (uint)count);
            edits.Replace(dataCountIndex, dataCount.WrittenSpan.ToArray());
        }
    }

    private static void WriteEmptyActiveSegment(ArrayBufferWriter<byte> segments)
    {
        // Active segments have been applied and dropped by instantiation: an empty segment at offset 0
        // keeps the segment index and has the same effect as a dropped segment.
        WasmEncoder.WriteVarUInt32(segments, 0);
        WasmEncoder.WriteByte(segments, 0x41);
        WasmEncoder.WriteVarInt32(segments, 0);
        WasmEncoder.WriteByte(segments, 0x0B);
        WasmEncoder.WriteVarUInt32(segments, 0);
    }
}
