namespace Kubewarden.Wasm.Binary;

/// <summary>
/// The value of a defined global read from an initialised instance.
/// </summary>
/// <param name="DefinedIndex">The index among the globals the module defines (imported globals not counted).</param>
/// <param name="Type">The value type of the global.</param>
/// <param name="Bits">The raw bits of the value (for <see cref="WasmSnapshotValueType.V128"/>, the low 64 bits).</param>
/// <param name="HighBits">The high 64 bits of a <see cref="WasmSnapshotValueType.V128"/> value; ignored for other types.</param>
public readonly record struct WasmSnapshotGlobalValue(int DefinedIndex, WasmSnapshotValueType Type, ulong Bits, ulong HighBits = 0);
