namespace Kubewarden.Dapr.LocalSidecar.Tests;

/// <summary>A fresh directory under the system's temporary directory, deleted on dispose.</summary>
internal sealed class TemporaryDirectory : IDisposable
{
    public string Path { get; } = Directory.CreateTempSubdirectory("kubewarden-dapr-state-").FullName;

    public void Dispose() => Directory.Delete(Path, recursive: true);
}
