using System.Text;
using Kubewarden.Wasm.Binary;
using Wasmtime;
using static Kubewarden.Wasm.Tests.Binary.SnapshotHarness;

namespace Kubewarden.Wasm.Tests.Binary;

public sealed class WasmModuleReaderTests
{
    private static readonly byte[] _header = [0x00, 0x61, 0x73, 0x6D, 0x01, 0x00, 0x00, 0x00];

    [Fact]
    public void ReadSections_ListsSectionsWithPayloadOffsets()
    {
        var module = Wat("(module (memory 1) (func (export \"f\")))");

        var sections = WasmModuleReader.ReadSections(module);

        Assert.Equal([1, 3, 5, 7, 10], sections.Where(s => s.Id != 0).Select(s => s.Id));
        var memory = sections.Single(s => s.Id == 5);
        Assert.Equal(new byte[] { 0x01, 0x00, 0x01 }, module.AsSpan(memory.Offset, memory.Length).ToArray());
    }

    [Fact]
    public void ReadSections_BadMagicNumber()
    {
        var ex = Assert.Throws<WasmFormatException>(() => WasmModuleReader.ReadSections(Encoding.ASCII.GetBytes("hello world!")));

        Assert.Contains("bad magic number", ex.Message);
        Assert.Contains("offset 0", ex.Message);
        Assert.Equal(0, ex.Offset);
    }

    [Fact]
    public void ReadSections_TruncatedSection()
    {
        byte[] module = [.. _header, 0x01, 0x05, 0x01, 0x60];

        var ex = Assert.Throws<WasmFormatException>(() => WasmModuleReader.ReadSections(module));

        Assert.Contains("section 1 at offset 8 runs past the end of the module", ex.Message);
        Assert.Equal(8, ex.Offset);
    }

    [Fact]
    public void ReadSections_TruncatedRealModuleReportsTheSectionOffset()
    {
        var module = Wat("(module (memory 1) (func (export \"f\")))");
        var lastStart = LastSectionStart(module);

        var ex = Assert.Throws<WasmFormatException>(() => WasmModuleReader.ReadSections(module.AsMemory(0, module.Length - 1)));

        Assert.Contains($"offset {lastStart}", ex.Message);
    }

    [Fact]
    public void ReadSections_RejectsComponents()
    {
        byte[] component = [0x00, 0x61, 0x73, 0x6D, 0x0D, 0x00, 0x01, 0x00];

        var ex = Assert.Throws<WasmFormatException>(() => WasmModuleReader.ReadSections(component));

        Assert.Contains("WebAssembly components are not supported", ex.Message);
    }

    [Fact]
    public void ReadSections_RejectsUnknownSectionIdsAndBadOrder()
    {
        byte[] unknown = [.. _header, 0x20, 0x00];
        byte[] outOfOrder = [.. _header, 0x05, 0x01, 0x00, 0x01, 0x01, 0x00];

        Assert.Contains("unknown section id 32 at offset 8", Assert.Throws<WasmFormatException>(() => WasmModuleReader.ReadSections(unknown)).Message);
        Assert.Contains("offset 11", Assert.Throws<WasmFormatException>(() => WasmModuleReader.ReadSections(outOfOrder)).Message);
    }

    [Fact]
    public void Instrument_MalformedInputThrowsFormatException()
    {
        byte[] truncated = [.. _header, 0x06, 0x7F];

        Assert.Throws<WasmFormatException>(() => WasmSnapshotInstrumenter.Instrument(truncated));
        Assert.Throws<WasmFormatException>(() => WasmSnapshotInstrumenter.Instrument([1, 2, 3]));
    }

    [Fact]
    public void Instrument_MalformedGlobalSectionReportsTheOffset()
    {
        // A global section whose single entry stops in the middle of its initialiser.
        byte[] module = [.. _header, 0x06, 0x04, 0x01, 0x7F, 0x00, 0x41];

        var ex = Assert.Throws<WasmFormatException>(() => WasmSnapshotInstrumenter.Instrument(module));

        Assert.Contains("offset 14", ex.Message);
    }

    [Fact]
    public void CustomSection_AppendThenReadBack()
    {
        var module = Wat("(module (func (export \"validate\") (result i32) (i32.const 1)))");
        var json = Encoding.UTF8.GetBytes("""{"rules":[],"mutating":false}""");

        var withMetadata = WasmCustomSection.Append(module, "io.kubewarden.metadata", json);

        Assert.True(WasmModuleReader.TryGetCustomSection(withMetadata, "io.kubewarden.metadata", out var payload));
        Assert.Equal(json, payload.ToArray());
        Assert.False(WasmModuleReader.TryGetCustomSection(withMetadata, "io.kubewarden.other", out _));
        var last = WasmModuleReader.ReadSections(withMetadata)[^1];
        Assert.Equal("io.kubewarden.metadata", last.CustomName);
        Assert.Equal(json.Length, last.Length);
        using var engine = new Engine();
        using var compiled = Module.FromBytes(engine, "policy", withMetadata);
        Assert.Contains(compiled.Exports, e => e.Name == "validate");
    }

    [Fact]
    public void CustomSection_FirstOfTwoWithTheSameNameWins()
    {
        var module = Wat("(module)");
        var twice = WasmCustomSection.Append(WasmCustomSection.Append(module, "n", [1]), "n", [2]);

        Assert.True(WasmModuleReader.TryGetCustomSection(twice, "n", out var payload));
        Assert.Equal(new byte[] { 1 }, payload.ToArray());
    }

    [Fact]
    public void CustomSection_AppendRejectsMalformedModules()
    {
        Assert.Throws<WasmFormatException>(() => WasmCustomSection.Append([0, 1, 2, 3, 4, 5, 6, 7], "x", []));
    }

    private static int LastSectionStart(byte[] module)
    {
        var position = 8;
        var last = 8;
        while (position < module.Length)
        {
            last = position;
            position++;
            var size = 0;
            var shift = 0;
            byte b;
            do
            {
                b = module[position++];
                size |= (b & 0x7F) << shift;
                shift += 7;
            }
            while ((b & 0x80) != 0);
            position += size;
        }

        return last;
    }
}
