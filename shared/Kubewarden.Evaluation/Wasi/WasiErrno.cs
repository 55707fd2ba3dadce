namespace Kubewarden.Evaluation.Wasi;

/// <summary>The WASI error numbers this layer answers.</summary>
internal static class WasiErrno
{
    public const int Success = 0;
    public const int BadFileDescriptor = 8;
    public const int Invalid = 28;
    public const int NotSupported = 52;
}
