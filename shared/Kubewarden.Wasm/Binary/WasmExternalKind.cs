namespace Kubewarden.Wasm.Binary;

/// <summary>
/// The kind bytes of imports and exports.
/// </summary>
internal static class WasmExternalKind
{
    public const byte Function = 0x00;
    public const byte Table = 0x01;
    public const byte Memory = 0x02;
    public const byte Global = 0x03;
    public const byte Tag = 0x04;
}
