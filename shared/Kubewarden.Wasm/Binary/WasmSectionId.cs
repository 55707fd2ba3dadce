namespace Kubewarden.Wasm.Binary;

/// <summary>
/// Section ids and the order in which non-custom sections must appear.
/// </summary>
internal static class WasmSectionId
{
    public const byte Custom = 0;
    public const byte Type = 1;
    public const byte Import = 2;
    public const byte Function = 3;
    public const byte Table = 4;
    public const byte Memory = 5;
    public const byte Global = 6;
    public const byte Export = 7;
    public const byte Start = 8;
    public const byte Element = 9;
    public const byte Code = 10;
    public const byte Data = 11;
    public const byte DataCount = 12;
    public const byte Tag = 13;

    /// <summary>
    /// The position of a known section in the required order (custom sections: 0; unknown ids: -1).
    /// </summary>
    public static int Rank(byte id) => id switch
    {
        Custom => 0,
        Type => 1,
        Import => 2,
        Function => 3,
        Table => 4,
        Memory => 5,
        Tag => 6,
        Global => 7,
        Export => 8,
        Start => 9,
        Element => 10,
        DataCount => 11,
        Code => 12,
        Data => 13,
        _ => -1,
    };
}
