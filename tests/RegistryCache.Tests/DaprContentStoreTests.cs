using System.Security.Cryptography;
using Dapr.Client;
using Kubewarden.Dapr.LocalSidecar;
using Kubewarden.RegistryCache.Storage;
using Microsoft.Extensions.Logging.Abstractions;

namespace Kubewarden.RegistryCache.Tests;

/// <summary>Content-addressed storage in Dapr state, against the local sidecar with the real DaprClient.</summary>
public sealed class DaprContentStoreTests : IAsyncLifetime
{
    private const string Store = "registry-cache";
    private const string WasmType = "application/vnd.wasm.content.layer.v1+wasm";

    private LocalDaprSidecar _sidecar = null!;
    private DaprClient _dapr = null!;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        _sidecar = await LocalDaprSidecar.StartAsync(new LocalDaprSidecarOptions { StateStores = [Store] });
        _dapr = new DaprClientBuilder().UseGrpcEndpoint(_sidecar.Endpoint.ToString()).Build();
    }

    public async ValueTask DisposeAsync()
    {
        _dapr.Dispose();
        await _sidecar.DisposeAsync();
    }

    [Fact]
    public async Task StoredContent_ReadsBackByteForByte_InEntriesOfAtMostTheChunkSize()
    {
        var store = NewStore();
        var content = RandomBytes((int)(3.5 * 1024 * 1024));
        var digest = Digest(content);

        var descriptor = await store.StoreAsync(digest, WasmType, new MemoryStream(content), Ct);
        var found = await store.FindAsync(digest, Ct);
        using var copy = new MemoryStream();
        await store.CopyToAsync(found!, copy, Ct);

        Assert.Equal(new ContentDescriptor(digest, WasmType, content.Length, 4), descriptor);
        Assert.Equal(descriptor, found);
        Assert.Equal(content, copy.ToArray());
        for (var chunk = 0; chunk < 4; chunk++)
        {
            var entry = await _dapr.GetByteStateAsync(Store, $"content/{digest}/{chunk}", cancellationToken: Ct);
            Assert.InRange(entry.Length, 1, DaprContentStore.DefaultChunkBytes);
        }
    }

    [Fact]
    public async Task ContentNotMatchingItsDigest_IsRefusedAndNothingIsKept()
    {
        var store = NewStore();
        var content = RandomBytes(2 * 1024 * 1024 + 5);
        var claimed = Digest(RandomBytes(16));

        await Assert.ThrowsAsync<ContentDigestMismatchException>(() => store.StoreAsync(claimed, WasmType, new MemoryStream(content), Ct));

        Assert.Null(await store.FindAsync(claimed, Ct));
        Assert.Empty((await _dapr.GetByteStateAsync(Store, $"content/{claimed}/0", cancellationToken: Ct)).ToArray());
    }

    [Fact]
    public async Task TwoReplicasStoringTheSameDigest_BothSucceedWithOneDescriptor()
    {
        var content = RandomBytes(1500 * 1024);
        var digest = Digest(content);

        var stored = await Task.WhenAll(
            NewStore().StoreAsync(digest, WasmType, new MemoryStream(content), Ct),
            NewStore().StoreAsync(digest, WasmType, new MemoryStream(content), Ct));

        Assert.Equal(stored[0], stored[1]);
        Assert.Equal(content.Length, (await NewStore().FindAsync(digest, Ct))!.Size);
    }

    [Fact]
    public async Task UnknownDigest_IsNotFound()
    {
        Assert.Null(await NewStore().FindAsync(Digest(RandomBytes(8)), Ct));
    }

    [Fact]
    public async Task SingleFlight_ConcurrentCallersForOneKey_ShareOneRun()
    {
        var flights = new SingleFlight<string, int>();
        var runs = 0;
        var release = new TaskCompletionSource();

        var callers = Enumerable.Range(0, 50).Select(_ => flights.RunAsync("sha256:abc", async () =>
        {
            Interlocked.Increment(ref runs);
            await release.Task;
            return 42;
        })).ToArray();
        release.SetResult();

        Assert.All(await Task.WhenAll(callers), result => Assert.Equal(42, result));
        Assert.Equal(1, runs);
        Assert.Equal(7, await flights.RunAsync("sha256:abc", () => Task.FromResult(7)));
    }

    private DaprContentStore NewStore(int chunkBytes = DaprContentStore.DefaultChunkBytes) =>
        new(_dapr, Store, NullLogger<DaprContentStore>.Instance, chunkBytes);

    private static byte[] RandomBytes(int length) => RandomNumberGenerator.GetBytes(length);

    private static string Digest(byte[] content) => $"sha256:{Convert.ToHexStringLower(SHA256.HashData(content))}";
}
