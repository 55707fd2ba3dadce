using System.Text;
using Dapr;
using Dapr.Client;
using Grpc.Core;
using Grpc.Net.Client;
using RawDapr = Dapr.Client.Autogen.Grpc.v1;

namespace Kubewarden.Dapr.LocalSidecar.Tests;

/// <summary>Dapr's state semantics through the real <see cref="DaprClient"/>, which every store kind must pass.</summary>
public abstract class StateContractTests : IAsyncLifetime
{
    protected const string Store = "statestore";

    private LocalDaprSidecar? _sidecar;
    private DaprClient? _client;

    protected DaprClient Client => _client ?? throw new InvalidOperationException("Not started.");

    protected LocalDaprSidecar Sidecar => _sidecar ?? throw new InvalidOperationException("Not started.");

    protected static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    /// <summary>Null for the in-memory store.</summary>
    protected abstract string? StateDirectory { get; }

    public async ValueTask InitializeAsync()
    {
        _sidecar = await LocalDaprSidecar.StartAsync(new LocalDaprSidecarOptions { StateStores = [Store], StateDirectory = StateDirectory }, cancellationToken: Cancellation);
        _client = new DaprClientBuilder().UseGrpcEndpoint(_sidecar.Endpoint.ToString()).Build();
    }

    public virtual async ValueTask DisposeAsync()
    {
        _client?.Dispose();
        if (_sidecar is not null)
        {
            await _sidecar.DisposeAsync();
        }

        GC.SuppressFinalize(this);
    }

    [Fact]
    public async Task SaveThenGet_ReturnsTheValueAndAnETag()
    {
        await Client.SaveStateAsync(Store, "order", new Order("o-1", 3), cancellationToken: Cancellation);

        var (value, etag) = await Client.GetStateAndETagAsync<Order>(Store, "order", cancellationToken: Cancellation);

        Assert.Equal(new Order("o-1", 3), value);
        Assert.False(string.IsNullOrEmpty(etag));
    }

    [Fact]
    public async Task Get_OfAMissingKey_ReadsNullAndAnEmptyETag()
    {
        var (value, etag) = await Client.GetStateAndETagAsync<Order>(Store, "missing", cancellationToken: Cancellation);

        Assert.Null(value);
        Assert.Equal(string.Empty, etag);
    }

    [Fact]
    public async Task Save_GivesANewETag_ThatTheOldOneNoLongerMatches()
    {
        await Client.SaveStateAsync(Store, "k", "v1", cancellationToken: Cancellation);
        var (_, first) = await Client.GetStateAndETagAsync<string>(Store, "k", cancellationToken: Cancellation);

        Assert.True(await Client.TrySaveStateAsync(Store, "k", "v2", first, cancellationToken: Cancellation));
        var (value, second) = await Client.GetStateAndETagAsync<string>(Store, "k", cancellationToken: Cancellation);

        Assert.Equal("v2", value);
        Assert.NotEqual(first, second);
        Assert.False(await Client.TrySaveStateAsync(Store, "k", "v3", first, cancellationToken: Cancellation));
        Assert.Equal("v2", await Client.GetStateAsync<string>(Store, "k", cancellationToken: Cancellation));
    }

    [Fact]
    public async Task TrySave_WithAnETag_OnAMissingKey_ReturnsFalse()
    {
        Assert.False(await Client.TrySaveStateAsync(Store, "missing", "v", "some-etag", cancellationToken: Cancellation));

        Assert.Null(await Client.GetStateAsync<string>(Store, "missing", cancellationToken: Cancellation));
    }

    [Fact]
    public async Task TryDelete_WithAStaleETag_ReturnsFalseAndKeepsTheKey()
    {
        await Client.SaveStateAsync(Store, "k", "v1", cancellationToken: Cancellation);
        var (_, stale) = await Client.GetStateAndETagAsync<string>(Store, "k", cancellationToken: Cancellation);
        await Client.SaveStateAsync(Store, "k", "v2", cancellationToken: Cancellation);

        Assert.False(await Client.TryDeleteStateAsync(Store, "k", stale, cancellationToken: Cancellation));
        Assert.Equal("v2", await Client.GetStateAsync<string>(Store, "k", cancellationToken: Cancellation));
    }

    [Fact]
    public async Task TryDelete_WithTheCurrentETag_DeletesTheKey()
    {
        await Client.SaveStateAsync(Store, "k", "v1", cancellationToken: Cancellation);
        var (_, etag) = await Client.GetStateAndETagAsync<string>(Store, "k", cancellationToken: Cancellation);

        Assert.True(await Client.TryDeleteStateAsync(Store, "k", etag, cancellationToken: Cancellation));
        Assert.Null(await Client.GetStateAsync<string>(Store, "k", cancellationToken: Cancellation));
    }

    [Fact]
    public async Task Delete_WithoutETag_DeletesAnyKey_AndIgnoresAMissingOne()
    {
        await Client.SaveStateAsync(Store, "k", "v1", cancellationToken: Cancellation);

        await Client.DeleteStateAsync(Store, "k", cancellationToken: Cancellation);
        await Client.DeleteStateAsync(Store, "k", cancellationToken: Cancellation);

        Assert.Null(await Client.GetStateAsync<string>(Store, "k", cancellationToken: Cancellation));
    }

    [Fact]
    public async Task LastWrite_WithoutETag_AlwaysWrites()
    {
        await Client.SaveStateAsync(Store, "k", "v1", cancellationToken: Cancellation);
        await Client.SaveStateAsync(Store, "k", "v2", new StateOptions { Concurrency = ConcurrencyMode.LastWrite }, cancellationToken: Cancellation);

        Assert.Equal("v2", await Client.GetStateAsync<string>(Store, "k", cancellationToken: Cancellation));
    }

    [Fact]
    public async Task FirstWrite_WithoutETag_OnAnExistingKey_ThrowsAborted()
    {
        await Client.SaveStateAsync(Store, "k", "v1", cancellationToken: Cancellation);

        var error = await Assert.ThrowsAsync<DaprException>(() =>
            Client.SaveStateAsync(Store, "k", "v2", new StateOptions { Concurrency = ConcurrencyMode.FirstWrite }, cancellationToken: Cancellation));

        var rpc = Assert.IsType<RpcException>(error.InnerException);
        Assert.Equal(StatusCode.Aborted, rpc.StatusCode);
        Assert.Equal(
            $"failed saving state in state store {Store}: possible etag mismatch. error from state store: item already exists and no etag was passed",
            rpc.Status.Detail);
        Assert.Equal("v1", await Client.GetStateAsync<string>(Store, "k", cancellationToken: Cancellation));
    }

    [Fact]
    public async Task TrySave_WithEmptyETagAndFirstWrite_CreatesOnlyWhenAbsent()
    {
        var firstWrite = new StateOptions { Concurrency = ConcurrencyMode.FirstWrite };

        Assert.True(await Client.TrySaveStateAsync(Store, "lease", "owner-a", string.Empty, firstWrite, cancellationToken: Cancellation));
        Assert.False(await Client.TrySaveStateAsync(Store, "lease", "owner-b", string.Empty, firstWrite, cancellationToken: Cancellation));

        Assert.Equal("owner-a", await Client.GetStateAsync<string>(Store, "lease", cancellationToken: Cancellation));
    }

    [Fact]
    public async Task TwentyConcurrentOptimisticIncrements_LoseNoUpdate()
    {
        // First-write makes the empty ETag of a missing key mean "create only", so two first increments cannot both win.
        var firstWrite = new StateOptions { Concurrency = ConcurrencyMode.FirstWrite };
        var conflicts = 0;

        await Task.WhenAll(Enumerable.Range(0, 20).Select(_ => Task.Run(
            async () =>
            {
                while (true)
                {
                    var (count, etag) = await Client.GetStateAndETagAsync<int>(Store, "counter", cancellationToken: Cancellation);
                    if (await Client.TrySaveStateAsync(Store, "counter", count + 1, etag, firstWrite, cancellationToken: Cancellation))
                    {
                        return;
                    }

                    Interlocked.Increment(ref conflicts);
                }
            },
            Cancellation)));

        Assert.Equal(20, await Client.GetStateAsync<int>(Store, "counter", cancellationToken: Cancellation));
        TestContext.Current.TestOutputHelper?.WriteLine($"{conflicts} conflicts retried");
    }

    [Fact]
    public async Task Transaction_UpsertsAndDeletesTogether()
    {
        await Client.SaveStateAsync(Store, "old", "x", cancellationToken: Cancellation);
        var (_, etag) = await Client.GetStateAndETagAsync<string>(Store, "old", cancellationToken: Cancellation);

        await Client.ExecuteStateTransactionAsync(
            Store,
            [
                new StateTransactionRequest("a", Json("1"), StateOperationType.Upsert),
                new StateTransactionRequest("b", Json("2"), StateOperationType.Upsert),
                new StateTransactionRequest("old", null, StateOperationType.Delete, etag),
            ],
            cancellationToken: Cancellation);

        Assert.Equal("1", await Client.GetStateAsync<string>(Store, "a", cancellationToken: Cancellation));
        Assert.Equal("2", await Client.GetStateAsync<string>(Store, "b", cancellationToken: Cancellation));
        Assert.Null(await Client.GetStateAsync<string>(Store, "old", cancellationToken: Cancellation));
    }

    [Fact]
    public async Task Transaction_WithOneStaleETag_WritesNothing_AndFailsAsDaprdDoes()
    {
        await Client.SaveStateAsync(Store, "a", "a0", cancellationToken: Cancellation);
        await Client.SaveStateAsync(Store, "b", "b0", cancellationToken: Cancellation);
        var (_, etagA) = await Client.GetStateAndETagAsync<string>(Store, "a", cancellationToken: Cancellation);

        var error = await Assert.ThrowsAsync<DaprException>(() => Client.ExecuteStateTransactionAsync(
            Store,
            [
                new StateTransactionRequest("a", Json("a1"), StateOperationType.Upsert, etagA),
                new StateTransactionRequest("c", Json("c1"), StateOperationType.Upsert),
                new StateTransactionRequest("b", Json("b1"), StateOperationType.Upsert, "stale"),
            ],
            cancellationToken: Cancellation));

        // daprd answers a failed transaction with Internal, an ETag mismatch too (unlike a single save's Aborted).
        var rpc = Assert.IsType<RpcException>(error.InnerException);
        Assert.Equal(StatusCode.Internal, rpc.StatusCode);
        Assert.StartsWith("error while executing state transaction: possible etag mismatch. error from state store: state etag not match for key=b: current=", rpc.Status.Detail, StringComparison.Ordinal);
        Assert.Equal("a0", await Client.GetStateAsync<string>(Store, "a", cancellationToken: Cancellation));
        Assert.Equal("b0", await Client.GetStateAsync<string>(Store, "b", cancellationToken: Cancellation));
        Assert.Null(await Client.GetStateAsync<string>(Store, "c", cancellationToken: Cancellation));
    }

    [Fact]
    public async Task BulkGet_ReturnsEveryKeyAskedFor_WithEmptyValuesForMissingOnes()
    {
        await Client.SaveStateAsync(Store, "a", "1", cancellationToken: Cancellation);
        await Client.SaveStateAsync(Store, "b", "2", cancellationToken: Cancellation);
        var (_, etagA) = await Client.GetStateAndETagAsync<string>(Store, "a", cancellationToken: Cancellation);

        var items = await Client.GetBulkStateAsync(Store, ["a", "missing", "b"], parallelism: null, cancellationToken: Cancellation);

        Assert.Equal(["a", "missing", "b"], items.Select(item => item.Key));
        Assert.Equal(["\"1\"", string.Empty, "\"2\""], items.Select(item => item.Value));
        Assert.Equal(etagA, items[0].ETag);
        Assert.Equal(string.Empty, items[1].ETag);
    }

    [Fact]
    public async Task BulkDelete_DeletesEveryKey()
    {
        await Client.SaveStateAsync(Store, "a", "1", cancellationToken: Cancellation);
        await Client.SaveStateAsync(Store, "b", "2", cancellationToken: Cancellation);
        var (_, etagA) = await Client.GetStateAndETagAsync<string>(Store, "a", cancellationToken: Cancellation);

        await Client.DeleteBulkStateAsync(Store, [new BulkDeleteStateItem("a", etagA), new BulkDeleteStateItem("b", string.Empty)], Cancellation);

        Assert.Null(await Client.GetStateAsync<string>(Store, "a", cancellationToken: Cancellation));
        Assert.Null(await Client.GetStateAsync<string>(Store, "b", cancellationToken: Cancellation));
    }

    [Fact]
    public async Task BulkDelete_WithAStaleETag_ThrowsAborted_AndDeletesTheOtherKeysAsDaprdDoes()
    {
        await Client.SaveStateAsync(Store, "a", "1", cancellationToken: Cancellation);
        await Client.SaveStateAsync(Store, "b", "2", cancellationToken: Cancellation);

        var error = await Assert.ThrowsAsync<DaprException>(() =>
            Client.DeleteBulkStateAsync(Store, [new BulkDeleteStateItem("a", "stale"), new BulkDeleteStateItem("b", string.Empty)], Cancellation));

        var rpc = Assert.IsType<RpcException>(error.InnerException);
        Assert.Equal(StatusCode.Aborted, rpc.StatusCode);
        Assert.StartsWith($"failed deleting state in state store {Store}: possible etag mismatch", rpc.Status.Detail, StringComparison.Ordinal);
        Assert.Equal("1", await Client.GetStateAsync<string>(Store, "a", cancellationToken: Cancellation));
        Assert.Null(await Client.GetStateAsync<string>(Store, "b", cancellationToken: Cancellation));
    }

    [Fact]
    public async Task AnUnknownStore_FailsWithDaprdsInvalidArgument()
    {
        var error = await Assert.ThrowsAsync<DaprException>(() => Client.GetStateAsync<string>("nostore", "k", cancellationToken: Cancellation));

        var rpc = Assert.IsType<RpcException>(error.InnerException);
        Assert.Equal(StatusCode.InvalidArgument, rpc.StatusCode);
        Assert.Equal("state store nostore is not found", rpc.Status.Detail);
    }

    [Fact]
    public async Task Save_OfAnEmptyKey_FailsWithDaprdsInvalidArgument()
    {
        var request = new RawDapr.SaveStateRequest { StoreName = Store, States = { new RawDapr.StateItem { Key = string.Empty } } };

        var error = await Assert.ThrowsAsync<RpcException>(() => CallRawAsync(client => client.SaveStateAsync(request, cancellationToken: Cancellation).ResponseAsync));

        Assert.Equal(StatusCode.InvalidArgument, error.StatusCode);
        Assert.Equal("state key cannot be empty", error.Status.Detail);
    }

    [Fact]
    public async Task AKeyWithDaprsPrefixSeparator_FailsWithDaprdsInvalidArgument()
    {
        var error = await Assert.ThrowsAsync<DaprException>(() => Client.GetStateAsync<string>(Store, "app||key", cancellationToken: Cancellation));

        var rpc = Assert.IsType<RpcException>(error.InnerException);
        Assert.Equal(StatusCode.InvalidArgument, rpc.StatusCode);
        Assert.Equal("input key/keyPrefix 'app||key' can't contain '||'", rpc.Status.Detail);
    }

    [Fact]
    public async Task Transaction_WithAnUnknownOperation_FailsWithDaprdsUnimplemented()
    {
        var request = new RawDapr.ExecuteStateTransactionRequest
        {
            StoreName = Store,
            Operations = { new RawDapr.TransactionalStateOperation { OperationType = "merge", Request = new RawDapr.StateItem { Key = "k" } } },
        };

        var error = await Assert.ThrowsAsync<RpcException>(() => CallRawAsync(client => client.ExecuteStateTransactionAsync(request, cancellationToken: Cancellation).ResponseAsync));

        Assert.Equal(StatusCode.Unimplemented, error.StatusCode);
        Assert.Equal("operation type merge not supported", error.Status.Detail);
    }

    protected static byte[] Json(string value) => Encoding.UTF8.GetBytes($"\"{value}\"");

    private async Task CallRawAsync(Func<RawDapr.Dapr.DaprClient, Task> call)
    {
        using var channel = GrpcChannel.ForAddress(Sidecar.Endpoint);
        await call(new RawDapr.Dapr.DaprClient(channel));
    }

    private sealed record Order(string Id, int Quantity);
}

public sealed class InMemoryStateTests : StateContractTests
{
    protected override string? StateDirectory => null;
}

public sealed class DiskStateTests : StateContractTests
{
    private readonly TemporaryDirectory _directory = new();

    protected override string? StateDirectory => _directory.Path;

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        _directory.Dispose();
    }
}
