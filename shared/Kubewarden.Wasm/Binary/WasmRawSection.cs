namespace Kubewarden.Wasm.Binary;

/// <summary>
/// Where a section lies in a module.
/// </summary>
/// <param name="Id">The section id.</param>
/// <param name="CustomName">The name of a custom section, otherwise <see langword="null"/>.</param>
/// <param name="Start">The offset of the id byte.</param>
/// <param name="PayloadStart">The offset of the payload (after the size).</param>
/// <param name="ContentStart">The offset of the content (after the name for custom sections, otherwise the payload start).</param>
/// <param name="End">The offset just past the section.</param>
internal readonly record struct WasmRawSection(byte Id, string? CustomName, int Start, int PayloadStart, int ContentStart, int End)
{
    /// <summary>The payload length.</summary>
    public int PayloadLength => End - PayloadStart;
}
