using Dapr.Client;
using Google.Protobuf;
using Kubewarden.Dapr.LocalSidecar.State;

namespace Kubewarden.Dapr.LocalSidecar.Tests;

/// <summary>What only the disk store promises: state outlives the sidecar, and a crash never leaves a torn change.</summary>
public sealed class DiskStateStoreTests : IDisposable
{
    private const string Store = "statestore";
    private readonly TemporaryDirectory _directory = new();

    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    private string StoreDirectory => Path.Combine(_directory.Path, Store);

    public void Dispose() => _directory.Dispose();

    [Fact]
    public async Task State_SurvivesARestartOnTheSameDirectory_WithItsETags()
    {
        string etag;
        await using (var sidecar = await StartAsync())
        {
            using var client = ClientOf(sidecar);
            await client.SaveStateAsync(Store, "kept", "v1", cancellationToken: Cancellation);
            await client.SaveStateAsync(Store, "deleted", "x", cancellationToken: Cancellation);
            await client.DeleteStateAsync(Store, "deleted", cancellationToken: Cancellation);
            (_, etag) = await client.GetStateAndETagAsync<string>(Store, "kept", cancellationToken: Cancellation);
        }

        await using (var restarted = await StartAsync())
        {
            using var client = ClientOf(restarted);
            var (value, etagAfterRestart) = await client.GetStateAndETagAsync<string>(Store, "kept", cancellationToken: Cancellation);

            Assert.Equal("v1", value);
            Assert.Equal(etag, etagAfterRestart);
            Assert.Null(await client.GetStateAsync<string>(Store, "deleted", cancellationToken: Cancellation));
            Assert.True(await client.TrySaveStateAsync(Store, "kept", "v2", etag, cancellationToken: Cancellation));
            Assert.False(await client.TrySaveStateAsync(Store, "kept", "v3", etag, cancellationToken: Cancellation));
        }
    }

    [Fact]
    public async Task ALargeValue_RoundTrips_AlsoAfterARestart()
    {
        var large = string.Create(3 * 1024 * 1024, 0, (chars, _) =>
        {
            for (var i = 0; i < chars.Length; i++)
            {
                chars[i] = (char)('a' + (i % 26));
            }
        });

        await using (var sidecar = await StartAsync())
        {
            using var client = ClientOf(sidecar);
            await client.SaveStateAsync(Store, "large", large, cancellationToken: Cancellation);

            Assert.Equal(large, await client.GetStateAsync<string>(Store, "large", cancellationToken: Cancellation));
        }

        await using (var restarted = await StartAsync())
        {
            using var client = ClientOf(restarted);
            Assert.Equal(large, await client.GetStateAsync<string>(Store, "large", cancellationToken: Cancellation));
        }
    }

    [Theory]
    [InlineData("../escape")]
    [InlineData("a/b\\c:d*?\"<>|")]
    [InlineData("ключ-鍵-🔑")]
    [InlineData("CaseSensitive")]
    [InlineData("casesensitive")]
    public async Task AnyKey_IsStoredSafely_AndSurvivesARestart(string key)
    {
        await using (var sidecar = await StartAsync())
        {
            using var client = ClientOf(sidecar);
            await client.SaveStateAsync(Store, key, key, cancellationToken: Cancellation);
        }

        await using var restarted = await StartAsync();
        using var restartedClient = ClientOf(restarted);
        Assert.Equal(key, await restartedClient.GetStateAsync<string>(Store, key, cancellationToken: Cancellation));
        Assert.All(Directory.EnumerateFileSystemEntries(_directory.Path, "*", SearchOption.AllDirectories), entry => Assert.StartsWith(StoreDirectory, entry, StringComparison.Ordinal));
    }

    [Fact]
    public async Task AKeyLongerThanAFileName_IsStored()
    {
        var key = new string('k', 2000);
        await using var sidecar = await StartAsync();
        using var client = ClientOf(sidecar);

        await client.SaveStateAsync(Store, key, "v", cancellationToken: Cancellation);

        Assert.Equal("v", await client.GetStateAsync<string>(Store, key, cancellationToken: Cancellation));
    }

    [Fact]
    public async Task Open_DropsAFileACrashLeftHalfWritten_AndKeepsTheCommittedValue()
    {
        var storage = DiskStateStorage.Open(StoreDirectory);
        await storage.CommitAsync([new StateChange("k", ByteString.CopyFromUtf8("committed"), "e1")], Cancellation);
        await File.WriteAllBytesAsync(Path.Combine(StoreDirectory, "crashed" + DiskStateStorage.TemporaryExtension), [1, 2, 3], Cancellation);

        var reopened = DiskStateStorage.Open(StoreDirectory);

        var state = await reopened.ReadAsync("k", Cancellation);
        Assert.Equal(new StoredState(ByteString.CopyFromUtf8("committed"), "e1"), state);
        Assert.Equal(1, reopened.Count);
        Assert.Empty(Directory.EnumerateFiles(StoreDirectory, "*" + DiskStateStorage.TemporaryExtension));
    }

    [Fact]
    public async Task Open_FinishesATransactionACrashInterruptedAfterItsJournal()
    {
        var storage = DiskStateStorage.Open(StoreDirectory);
        await storage.CommitAsync([new StateChange("gone", ByteString.CopyFromUtf8("old"), "e1")], Cancellation);
        // The state a crash leaves after the journal is written and before any step of it ran.
        var staged = "staged" + DiskStateStorage.TemporaryExtension;
        await StateFile.WriteAsync(Path.Combine(StoreDirectory, staged), "new", new StoredState(ByteString.CopyFromUtf8("value"), "e2"), Cancellation);
        await File.WriteAllTextAsync(
            Path.Combine(StoreDirectory, "interrupted" + DiskTransactionJournal.Extension),
            $"move {staged} {StateFile.NameOf("new")}\ndelete {StateFile.NameOf("gone")}\n",
            Cancellation);

        var reopened = DiskStateStorage.Open(StoreDirectory);

        Assert.Equal(new StoredState(ByteString.CopyFromUtf8("value"), "e2"), await reopened.ReadAsync("new", Cancellation));
        Assert.Null(await reopened.ReadAsync("gone", Cancellation));
        Assert.Empty(Directory.EnumerateFiles(StoreDirectory, "*" + DiskTransactionJournal.Extension));
    }

    [Fact]
    public async Task Commit_OfSeveralChanges_LeavesNoJournalOrStagedFile()
    {
        var storage = DiskStateStorage.Open(StoreDirectory);

        await storage.CommitAsync(
            [new StateChange("a", ByteString.CopyFromUtf8("1"), "e1"), new StateChange("b", ByteString.CopyFromUtf8("2"), "e2")],
            Cancellation);

        Assert.Equal(
            new[] { StateFile.NameOf("a"), StateFile.NameOf("b") }.Order(StringComparer.Ordinal),
            Directory.EnumerateFiles(StoreDirectory).Select(Path.GetFileName).Order(StringComparer.Ordinal));
    }

    private Task<LocalDaprSidecar> StartAsync() =>
        LocalDaprSidecar.StartAsync(new LocalDaprSidecarOptions { StateStores = [Store], StateDirectory = _directory.Path }, cancellationToken: Cancellation);

    private static DaprClient ClientOf(LocalDaprSidecar sidecar) => new DaprClientBuilder().UseGrpcEndpoint(sidecar.Endpoint.ToString()).Build();
}
