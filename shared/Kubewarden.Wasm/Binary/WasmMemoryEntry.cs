namespace Kubewarden.Wasm.Binary;

/// <summary>
/// A memory defined in the memory section.
/// </summary>
/// <param name="Flags">The limits flags (bit 0: has maximum, bit 1: shared, bit 2: 64-bit, bit 3: custom page size).</param>
/// <param name="Minimum">The minimum size in pages.</param>
/// <param name="Maximum">The maximum size in pages, if any.</param>
internal readonly record struct WasmMemoryEntry(uint Flags, ulong Minimum, ulong? Maximum)
{
    /// <summary>The size of a WebAssembly page in bytes.</summary>
    public const int PageSize = 65536;

    /// <summary>The largest number of pages a 32-bit memory can have.</summary>
    public const long MaxPages32 = 65536;

    /// <summary>Whether the memory is a 64-bit memory.</summary>
    public bool Is64 => (Flags & 0x04) != 0;

    /// <summary>Whether the memory has a custom page size.</summary>
    public bool HasCustomPageSize => (Flags & 0x08) != 0;
}
