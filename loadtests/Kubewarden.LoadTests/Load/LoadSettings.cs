namespace Kubewarden.LoadTests.Load;

/// <summary>Connection and timing settings shared by every scenario of a run.</summary>
internal sealed record LoadSettings(
    TimeSpan Duration,
    TimeSpan Warmup,
    TimeSpan Timeout,
    bool Http2,
    string? CaFile,
    bool Insecure)
{
    public Version HttpVersion => Http2 ? System.Net.HttpVersion.Version20 : System.Net.HttpVersion.Version11;
}
