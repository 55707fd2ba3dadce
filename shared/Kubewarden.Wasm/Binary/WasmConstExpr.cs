namespace Kubewarden.Wasm.Binary;

/// <summary>
/// Skips constant expressions (global initialisers, segment offsets) in the binary encoding.
/// </summary>
internal static class WasmConstExpr
{
    /// <summary>Reads past a constant expression, including its final <c>end</c> opcode.</summary>
    /// <exception cref="WasmFormatException">The expression runs past the end of the data.</exception>
    /// <exception cref="WasmSnapshotNotSupportedException">The expression uses an opcode this reader does not know.</exception>
    public static void Skip(ref WasmSpanReader reader)
    {
        while (true)
        {
            var offset = reader.Offset;
            var opcode = reader.ReadByte();
            switch (opcode)
            {
                case 0x0B: // end
                    return;
                case 0x41: // i32.const
                    reader.ReadVarInt32();
                    break;
                case 0x42: // i64.const
                    reader.ReadVarInt64();
                    break;
                case 0x43: // f32.const
                    reader.Skip(4);
                    break;
                case 0x44: // f64.const
                    reader.Skip(8);
                    break;
                case 0x23: // global.get
                case 0xD2: // ref.func
                    reader.ReadVarUInt32();
                    break;
                case 0xD0: // ref.null
                    reader.ReadVarInt33();
                    break;
                case 0x6A or 0x6B or 0x6C: // i32.add, i32.sub, i32.mul
                case 0x7C or 0x7D or 0x7E: // i64.add, i64.sub, i64.mul
                    break;
                case 0xFD:
                    SkipVectorInstruction(ref reader, offset);
                    break;
                case 0xFB:
                    SkipGcInstruction(ref reader, offset);
                    break;
                default:
                    throw new WasmSnapshotNotSupportedException(
                        $"constant expression opcode 0x{opcode:X2} at offset {offset} is not supported");
            }
        }
    }

    private static void SkipVectorInstruction(ref WasmSpanReader reader, int offset)
    {
        var subOpcode = reader.ReadVarUInt32();
        if (subOpcode != 12)
        {
            throw new WasmSnapshotNotSupportedException(
                $"constant expression opcode 0xFD {subOpcode} at offset {offset} is not supported");
        }

        reader.Skip(16); // v128.const
    }

    private static void SkipGcInstruction(ref WasmSpanReader reader, int offset)
    {
        var subOpcode = reader.ReadVarUInt32();
        switch (subOpcode)
        {
            case 0: // struct.new
            case 1: // struct.new_default
            case 6: // array.new
            case 7: // array.new_default
                reader.ReadVarUInt32();
                break;
            case 8: // array.new_fixed
                reader.ReadVarUInt32();
                reader.ReadVarUInt32();
                break;
            case 26: // any.convert_extern
            case 27: // extern.convert_any
            case 28: // ref.i31
                break;
            default:
                throw new WasmSnapshotNotSupportedException(
                    $"constant expression opcode 0xFB {subOpcode} at offset {offset} is not supported");
        }
    }
}
