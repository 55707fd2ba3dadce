using System.Buffers;

namespace Kubewarden.Wasm.Binary;

/// <summary>
/// A set of section-level edits (replace, remove, insert) applied to a module in one pass;
/// untouched sections, custom ones included, are copied byte for byte and keep their place.
/// </summary>
internal sealed class WasmModuleEdits
{
    private readonly Dictionary<int, byte[]?> _replacements = [];
    private readonly List<(byte Id, byte[] Payload)> _insertions = [];

    /// <summary>Replaces the payload of the section at <paramref name="sectionIndex"/>.</summary>
    public void Replace(int sectionIndex, byte[] payload) => _replacements[sectionIndex] = payload;

    /// <summary>Removes the section at <paramref name="sectionIndex"/>.</summary>
    public void Remove(int sectionIndex) => _replacements[sectionIndex] = null;

    /// <summary>Adds a new non-custom section, placed where the section order requires it.</summary>
    public void Insert(byte id, byte[] payload) => _insertions.Add((id, payload));

    /// <summary>Writes the edited module.</summary>
    public byte[] Apply(ReadOnlySpan<byte> module, IReadOnlyList<WasmRawSection> sections)
    {
        // Each inserted section goes right after the last known section that must precede it.
        var positions = new int[_insertions.Count];
        for (var n = 0; n < _insertions.Count; n++)
        {
            var rank = WasmSectionId.Rank(_insertions[n].Id);
            var position = 0;
            for (var i = 0; i < sections.Count; i++)
            {
                var other = WasmSectionId.Rank(sections[i].Id);
                if (other > 0 && other < rank)
                {
                    position = i + 1;
                }
            }

            positions[n] = position;
        }

        var output = new ArrayBufferWriter<byte>(module.Length + 256);
        output.Write(module[..WasmModuleReader.HeaderSize]);
        for (var i = 0; i <= sections.Count; i++)
        {
            WriteInsertionsAt(output, positions, i);
            if (i == sections.Count)
            {
                break;
            }

            var section = sections[i];
            if (_replacements.TryGetValue(i, out var payload))
            {
                if (payload is not null)
                {
                    WasmEncoder.WriteSection(output, section.Id, payload);
                }
            }
            else
            {
                output.Write(module[section.Start..section.End]);
            }
        }

        return output.WrittenSpan.ToArray();
    }

    private void WriteInsertionsAt(ArrayBufferWriter<byte> output, int[] positions, int position)
    {
        // Several insertions at the same place are written in section order.
        var pending = new List<(byte Id, byte[] Payload)>();
        for (var n = 0; n < _insertions.Count; n++)
        {
            if (positions[n] == position)
            {
                pending.Add(_insertions[n]);
            }
        }

        pending.Sort((a, b) => WasmSectionId.Rank(a.Id).CompareTo(WasmSectionId.Rank(b.Id)));
        foreach (var (id, payload) in pending)
        {
            WasmEncoder.WriteSection(output, id, payload);
        }
    }
}
