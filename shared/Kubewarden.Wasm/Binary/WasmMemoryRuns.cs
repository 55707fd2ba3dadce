namespace Kubewarden.Wasm.Binary;

/// <summary>
/// Splits a memory image into runs of non-zero bytes, the content of a snapshot's data segments.
/// </summary>
internal static class WasmMemoryRuns
{
    /// <summary>Runs separated by fewer zero bytes than this are merged into one segment.</summary>
    public const int MergeGap = 64;

    /// <summary>
    /// Returns the (offset, length) of each run of non-zero bytes, merging runs separated by fewer than
    /// <see cref="MergeGap"/> zero bytes. An all-zero memory has no runs.
    /// </summary>
    public static List<(int Offset, int Length)> Find(ReadOnlySpan<byte> memory)
    {
        var runs = new List<(int Offset, int Length)>();
        var position = 0;
        while (position < memory.Length)
        {
            var next = memory[position..].IndexOfAnyExcept((byte)0);
            if (next < 0)
            {
                break;
            }

            var start = position + next;
            var cursor = start;
            int end;
            while (true)
            {
                var zero = memory[cursor..].IndexOf((byte)0);
                if (zero < 0)
                {
                    end = memory.Length;
                    break;
                }

                var zeroStart = cursor + zero;
                var nonZero = memory[zeroStart..].IndexOfAnyExcept((byte)0);
                if (nonZero < 0 || nonZero >= MergeGap)
                {
                    end = zeroStart;
                    break;
                }

                cursor = zeroStart + nonZero;
            }

            runs.Add((start, end - start));
            position = end;
        }

        return runs;
    }
}
