namespace Kubewarden.Evaluation.Tests;

/// <summary>Snapshots kept between restarts, so that a restart reuses the snapshot (and its precompiled artifact).</summary>
public sealed class SnapshotFilesTests(EngineFixture fixture) : IDisposable
{
    private readonly DirectoryInfo _directory = Directory.CreateTempSubdirectory("kw-snapshots-");

    public void Dispose() => _directory.Delete(recursive: true);

    [Fact]
    public void Load_WithASnapshotDirectory_StoresTheSnapshotOnce_AndTheNextLoaderReusesIt()
    {
        var options = new EvaluationOptions { SnapshotDirectory = _directory.FullName };
        var module = TestPolicies.Load("counter");

        using (var first = Harness.CreateLoader(fixture.Engine, options))
        {
            using var guest = first.LoadWapcGuest(module, "first");
            Assert.True(guest.StartsFromSnapshot);
        }

        var stored = Assert.Single(_directory.GetFiles());
        var written = stored.LastWriteTimeUtc;
        var bytes = File.ReadAllBytes(stored.FullName);

        using (var second = Harness.CreateLoader(fixture.Engine, options))
        {
            using var guest = second.LoadWapcGuest(module, "second");
            Assert.True(guest.StartsFromSnapshot);
        }

        Assert.Equal(written, new FileInfo(stored.FullName).LastWriteTimeUtc);
        Assert.Equal(bytes, File.ReadAllBytes(stored.FullName));
        Assert.EndsWith($".{fixture.Engine.Name}.snapshot.wasm", stored.Name, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_WithoutASnapshotDirectory_WritesNothing()
    {
        using var loader = Harness.CreateLoader(fixture.Engine);
        using var guest = loader.LoadWapcGuest(TestPolicies.Load("counter"), "no-directory");

        Assert.True(guest.StartsFromSnapshot);
        Assert.Empty(_directory.GetFiles());
    }
}
