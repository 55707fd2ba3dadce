using System.Buffers;
using System.Buffers.Binary;
using System.Text;

namespace Kubewarden.Wasm.Binary;

/// <summary>
/// Writes WebAssembly binary encodings (LEB128 integers, names, sections) into a buffer.
/// </summary>
internal static class WasmEncoder
{
    public static void WriteByte(IBufferWriter<byte> writer, byte value)
    {
        writer.GetSpan(1)[0] = value;
        writer.Advance(1);
    }

    public static void WriteBytes(IBufferWriter<byte> writer, ReadOnlySpan<byte> bytes) => writer.Write(bytes);

    public static void WriteVarUInt32(IBufferWriter<byte> writer, uint value) => WriteVarUInt64(writer, value);

    public static void WriteVarUInt64(IBufferWriter<byte> writer, ulong value)
    {
        var span = writer.GetSpan(10);
        var length = 0;
        do
        {
            var b = (byte)(value & 0x7F);
            value >>= 7;
            if (value != 0)
            {
                b |= 0x80;
            }

            span[length++] = b;
        }
        while (value != 0);

        writer.Advance(length);
    }

    public static void WriteVarInt32(IBufferWriter<byte> writer, int value) => WriteVarInt64(writer, value);

    public static void WriteVarInt64(IBufferWriter<byte> writer, long value)
    {
        var span = writer.GetSpan(10);
        var length = 0;
        while (true)
        {
            var b = (byte)(value & 0x7F);
            value >>= 7;
            var done = (value == 0 && (b & 0x40) == 0) || (value == -1 && (b & 0x40) != 0);
            if (!done)
            {
                b |= 0x80;
            }

            span[length++] = b;
            if (done)
            {
                break;
            }
        }

        writer.Advance(length);
    }

    public static void WriteUInt32LittleEndian(IBufferWriter<byte> writer, uint value)
    {
        BinaryPrimitives.WriteUInt32LittleEndian(writer.GetSpan(4), value);
        writer.Advance(4);
    }

    public static void WriteUInt64LittleEndian(IBufferWriter<byte> writer, ulong value)
    {
        BinaryPrimitives.WriteUInt64LittleEndian(writer.GetSpan(8), value);
        writer.Advance(8);
    }

    public static void WriteName(IBufferWriter<byte> writer, string name)
    {
        var bytes = Encoding.UTF8.GetBytes(name);
        WriteVarUInt32(writer, (uint)bytes.Length);
        writer.Write(bytes);
    }

    /// <summary>Writes a whole section: id, payload size and payload.</summary>
    public static void WriteSection(IBufferWriter<byte> writer, byte id, ReadOnlySpan<byte> payload)
    {
        WriteByte(writer, id);
        WriteVarUInt32(writer, (uint)payload.Length);
        writer.Write(payload);
    }
}
