namespace Kubewarden.HostCapabilities.Tests.Replay;

/// <summary>A session file written for one test, deleted afterwards.</summary>
internal sealed class SessionFile : IDisposable
{
    public SessionFile(string content)
    {
        Path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), $"replay-{Guid.NewGuid():N}.yml");
        File.WriteAllText(Path, content);
    }

    public string Path { get; }

    public void Dispose() => File.Delete(Path);
}
