namespace Kubewarden.Wasm.Binary;

/// <summary>
/// Reads the section structure of a WebAssembly core module.
/// </summary>
public static class WasmModuleReader
{
    /// <summary>The size of the module header (magic number and version).</summary>
    internal const int HeaderSize = 8;

    /// <summary>
    /// Checks the module header and returns every section in order.
    /// </summary>
    /// <param name="module">The module bytes.</param>
    /// <returns>The sections, in the order they appear.</returns>
    /// <exception cref="WasmFormatException">The module is malformed or is a component.</exception>
    public static IReadOnlyList<WasmSection> ReadSections(ReadOnlyMemory<byte> module)
    {
        var raw = ParseSections(module.Span);
        var sections = new WasmSection[raw.Count];
        for (var i = 0; i < raw.Count; i++)
        {
            var s = raw[i];
            sections[i] = new WasmSection(s.Id, s.CustomName, s.ContentStart, s.End - s.ContentStart);
        }

        return sections;
    }

    /// <summary>
    /// Finds the first custom section with the given name.
    /// </summary>
    /// <param name="module">The module bytes.</param>
    /// <param name="name">The custom section name.</param>
    /// <param name="payload">The section payload after the name, when found.</param>
    /// <returns>Whether a custom section with that name exists.</returns>
    /// <exception cref="WasmFormatException">The module is malformed.</exception>
    public static bool TryGetCustomSection(ReadOnlyMemory<byte> module, string name, out ReadOnlyMemory<byte> payload)
    {
        ArgumentNullException.ThrowIfNull(name);
        foreach (var section in ParseSections(module.Span))
        {
            if (section.Id == WasmSectionId.Custom && string.Equals(section.CustomName, name, StringComparison.Ordinal))
            {
                payload = module[section.ContentStart..section.End];
                return true;
            }
        }

        payload = ReadOnlyMemory<byte>.Empty;
        return false;
    }

    /// <summary>
    /// Checks the header and locates every section, checking sizes, custom section names and the order of known sections.
    /// </summary>
    internal static List<WasmRawSection> ParseSections(ReadOnlySpan<byte> module)
    {
        CheckHeader(module);
        var sections = new List<WasmRawSection>();
        var reader = new WasmSpanReader(module[HeaderSize..], HeaderSize);
        var lastRank = 0;
        while (!reader.AtEnd)
        {
            var start = reader.Offset;
            var id = reader.ReadByte();
            var rank = WasmSectionId.Rank(id);
            if (rank < 0)
            {
                throw new WasmFormatException($"unknown section id {id} at offset {start}", start);
            }

            var size = reader.ReadVarUInt32();
            var payloadStart = reader.Offset;
            if (size > (uint)reader.Remaining)
            {
                throw new WasmFormatException($"section {id} at offset {start} runs past the end of the module", start);
            }

            var payload = reader.ReadBytes((int)size);
            string? name = null;
            var contentStart = payloadStart;
            if (id == WasmSectionId.Custom)
            {
                var nameReader = new WasmSpanReader(payload, payloadStart);
                try
                {
                    name = nameReader.ReadName();
                }
                catch (WasmFormatException ex) when (ex.InnerException is null)
                {
                    throw new WasmFormatException($"custom section at offset {start} has a malformed name: {ex.Message}", start, ex);
                }

                contentStart = nameReader.Offset;
            }
            else
            {
                if (rank <= lastRank)
                {
                    throw new WasmFormatException($"section {id} at offset {start} is duplicated or out of order", start);
                }

                lastRank = rank;
            }

            sections.Add(new WasmRawSection(id, name, start, payloadStart, contentStart, payloadStart + (int)size));
        }

        return sections;
    }

    /// <summary>Returns the index of the section with the given (non-custom) id, or -1.</summary>
    internal static int IndexOf(List<WasmRawSection> sections, byte id)
    {
        for (var i = 0; i < sections.Count; i++)
        {
            if (sections[i].Id == id)
            {
                return i;
            }
        }

        return -1;
    }

    private static void CheckHeader(ReadOnlySpan<byte> module)
    {
        if (module.Length < 4 || module[0] != 0x00 || module[1] != 0x61 || module[2] != 0x73 || module[3] != 0x6D)
        {
            throw new WasmFormatException("not a WebAssembly module: bad magic number at offset 0", 0);
        }

        if (module.Length < HeaderSize)
        {
            throw new WasmFormatException($"not a WebAssembly module: the header is truncated at offset {module.Length}", module.Length);
        }

        var version = module[4] | (module[5] << 8);
        var layer = module[6] | (module[7] << 8);
        if (layer != 0)
        {
            throw new WasmFormatException("WebAssembly components are not supported (layer field at offset 6 is not 0)", 6);
        }

        if (version != 1)
        {
            throw new WasmFormatException($"unsupported WebAssembly version {version} at offset 4", 4);
        }
    }
}
