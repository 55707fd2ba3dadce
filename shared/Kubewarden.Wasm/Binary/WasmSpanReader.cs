using System.Text;

namespace Kubewarden.Wasm.Binary;

/// <summary>
/// Forward-only reader of WebAssembly binary encodings over a span; errors carry absolute module offsets.
/// </summary>
internal ref struct WasmSpanReader
{
    private static readonly UTF8Encoding _strictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    private readonly ReadOnlySpan<byte> _data;
    private readonly int _baseOffset;
    private int _position;

    /// <summary>Creates a reader over <paramref name="data"/>, which starts at <paramref name="baseOffset"/> in the module.</summary>
    public WasmSpanReader(ReadOnlySpan<byte> data, int baseOffset)
    {
        _data = data;
        _baseOffset = baseOffset;
        _position = 0;
    }

    /// <summary>The absolute module offset of the next byte.</summary>
    public readonly int Offset => _baseOffset + _position;

    /// <summary>Whether every byte has been read.</summary>
    public readonly bool AtEnd => _position >= _data.Length;

    /// <summary>The number of unread bytes.</summary>
    public readonly int Remaining => _data.Length - _position;

    public byte ReadByte()
    {
        if (_position >= _data.Length)
        {
            throw new WasmFormatException($"unexpected end of data at offset {Offset}", Offset);
        }

        return _data[_position++];
    }

    public ReadOnlySpan<byte> ReadBytes(int count)
    {
        if (count < 0 || count > Remaining)
        {
            throw new WasmFormatException($"{count} bytes at offset {Offset} run past the end of the data", Offset);
        }

        var bytes = _data.Slice(_position, count);
        _position += count;
        return bytes;
    }

    public void Skip(int count) => ReadBytes(count);

    public uint ReadVarUInt32() => (uint)ReadUnsigned(32);

    public ulong ReadVarUInt64() => ReadUnsigned(64);

    public int ReadVarInt32() => (int)ReadSigned(32);

    public long ReadVarInt64() => ReadSigned(64);

    public long ReadVarInt33() => ReadSigned(33);

    /// <summary>Reads a vector length, checking it is plausible for the bytes left (each element takes at least one byte).</summary>
    public int ReadCount()
    {
        var start = Offset;
        var count = ReadVarUInt32();
        if (count > (uint)Remaining)
        {
            throw new WasmFormatException($"count {count} at offset {start} exceeds the remaining {Remaining} bytes", start);
        }

        return (int)count;
    }

    public string ReadName()
    {
        var start = Offset;
        var length = ReadCount();
        var bytes = ReadBytes(length);
        try
        {
            return _strictUtf8.GetString(bytes);
        }
        catch (DecoderFallbackException ex)
        {
            throw new WasmFormatException($"name at offset {start} is not valid UTF-8", start, ex);
        }
    }

    /// <summary>
    /// Reads a value type; returns the snapshot type for numeric and vector types, or <see langword="null"/> for reference types.
    /// </summary>
    public WasmSnapshotValueType? ReadValueType(out string description)
    {
        var start = Offset;
        var code = ReadByte();
        switch (code)
        {
            case 0x7F:
                description = "i32";
                return WasmSnapshotValueType.I32;
            case 0x7E:
                description = "i64";
                return WasmSnapshotValueType.I64;
            case 0x7D:
                description = "f32";
                return WasmSnapshotValueType.F32;
            case 0x7C:
                description = "f64";
                return WasmSnapshotValueType.F64;
            case 0x7B:
                description = "v128";
                return WasmSnapshotValueType.V128;
            case 0x63:
                description = $"(ref null {DescribeHeapType(ReadVarInt33())})";
                return null;
            case 0x64:
                description = $"(ref {DescribeHeapType(ReadVarInt33())})";
                return null;
            case >= 0x69 and <= 0x74:
                description = DescribeAbstractReference(code);
                return null;
            default:
                throw new WasmFormatException($"unknown value type 0x{code:X2} at offset {start}", start);
        }
    }

    /// <summary>Reads limits (flags, minimum, optional maximum, optional page size) and returns the flags.</summary>
    public uint ReadLimits(out ulong minimum, out ulong? maximum)
    {
        var start = Offset;
        var flags = ReadVarUInt32();
        if (flags > 0x0F)
        {
            throw new WasmFormatException($"unknown limits flags 0x{flags:X2} at offset {start}", start);
        }

        var is64 = (flags & 0x04) != 0;
        minimum = is64 ? ReadVarUInt64() : ReadVarUInt32();
        maximum = (flags & 0x01) != 0 ? (is64 ? ReadVarUInt64() : ReadVarUInt32()) : null;
        if ((flags & 0x08) != 0)
        {
            ReadVarUInt32();
        }

        return flags;
    }

    private static string DescribeHeapType(long heapType)
    {
        if (heapType >= 0)
        {
            return heapType.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        // Abstract heap types are encoded as single negative s33 values (0x70 => -16, ...).
        var code = (byte)(heapType & 0x7F);
        return code switch
        {
            0x70 => "func",
            0x6F => "extern",
            0x6E => "any",
            0x6D => "eq",
            0x6C => "i31",
            0x6B => "struct",
            0x6A => "array",
            0x69 => "exn",
            0x71 => "none",
            0x72 => "noextern",
            0x73 => "nofunc",
            0x74 => "noexn",
            _ => $"0x{code:X2}",
        };
    }

    private static string DescribeAbstractReference(byte code) => code switch
    {
        0x70 => "funcref",
        0x6F => "externref",
        0x6E => "anyref",
        0x6D => "eqref",
        0x6C => "i31ref",
        0x6B => "structref",
        0x6A => "arrayref",
        0x69 => "exnref",
        0x71 => "nullref",
        0x72 => "nullexternref",
        0x73 => "nullfuncref",
        0x74 => "nullexnref",
        _ => $"reference type 0x{code:X2}",
    };

    private ulong ReadUnsigned(int bits)
    {
        var start = Offset;
        var maxBytes = (bits + 6) / 7;
        ulong result = 0;
        var shift = 0;
        for (var i = 0; ; i++)
        {
            if (i == maxBytes)
            {
                throw new WasmFormatException($"integer at offset {start} is too long", start);
            }

            var b = ReadByte();
            result |= (ulong)(b & 0x7F) << shift;
            if ((b & 0x80) == 0)
            {
                break;
            }

            shift += 7;
        }

        if (bits < 64 && (result >> bits) != 0)
        {
            throw new WasmFormatException($"integer at offset {start} is too large", start);
        }

        return result;
    }

    private long ReadSigned(int bits)
    {
        var start = Offset;
        var maxBytes = (bits + 6) / 7;
        long result = 0;
        var shift = 0;
        byte b;
        for (var i = 0; ; i++)
        {
            if (i == maxBytes)
            {
                throw new WasmFormatException($"integer at offset {start} is too long", start);
            }

            b = ReadByte();
            result |= (long)(b & 0x7F) << shift;
            shift += 7;
            if ((b & 0x80) == 0)
            {
                break;
            }
        }

        if (shift < 64 && (b & 0x40) != 0)
        {
            result |= -1L << shift;
        }

        if (bits < 64)
        {
            var min = -(1L << (bits - 1));
            var max = (1L << (bits - 1)) - 1;
            if (result < min || result > max)
            {
                throw new WasmFormatException($"integer at offset {start} is out of range", start);
            }
        }

        return result;
    }
}
