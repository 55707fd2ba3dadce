namespace Kubewarden.Wasm;

/// <summary>A numeric value as raw bits (floats as their IEEE bits; V128 in <paramref name="Bits"/> + <paramref name="HighBits"/>).</summary>
public readonly record struct WasmValue(WasmValueKind Kind, ulong Bits, ulong HighBits = 0);
