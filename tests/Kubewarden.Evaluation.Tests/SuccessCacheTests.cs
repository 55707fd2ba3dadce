using Kubewarden.Evaluation.HostCapabilities;
using Microsoft.Extensions.Time.Testing;

namespace Kubewarden.Evaluation.Tests;

public sealed class SuccessCacheTests
{
    private readonly FakeTimeProvider _time = new(DateTimeOffset.UtcNow);

    [Fact]
    public async Task ConcurrentCallersOfOneKey_ShareOneComputation()
    {
        var cache = new SuccessCache<string, string>(TimeSpan.FromSeconds(60), _time);
        var release = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        var computations = 0;
        Task<string> Compute()
        {
            Interlocked.Increment(ref computations);
            return release.Task;
        }

        var first = cache.GetOrComputeAsync("image", Compute);
        var second = cache.GetOrComputeAsync("image", Compute);
        var other = cache.GetOrComputeAsync("other", () => Task.FromResult("other answer"));
        release.SetResult("answer");

        Assert.Equal(["answer", "answer"], await Task.WhenAll(first, second));
        Assert.Equal("other answer", await other);
        Assert.Equal(1, computations);
    }

    [Fact]
    public async Task AnAnswer_IsReusedForTheTimeToLiveAfterItsComputationCompleted()
    {
        var cache = new SuccessCache<string, string>(TimeSpan.FromSeconds(60), _time);
        var computations = 0;
        Task<string> Compute() => Task.FromResult($"answer {Interlocked.Increment(ref computations)}");

        await cache.GetOrComputeAsync("image", Compute);
        _time.Advance(TimeSpan.FromSeconds(59.9));
        var cached = await cache.GetOrComputeAsync("image", Compute);
        _time.Advance(TimeSpan.FromSeconds(0.1));
        var renewed = await cache.GetOrComputeAsync("image", Compute);

        Assert.Equal("answer 1", cached);
        Assert.Equal("answer 2", renewed);
    }

    [Fact]
    public async Task AFailedComputation_FailsItsWaiters_AndTheNextCallerComputesAgain()
    {
        var cache = new SuccessCache<string, string>(TimeSpan.FromSeconds(60), _time);
        var release = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        var first = cache.GetOrComputeAsync("image", () => release.Task);
        var waiter = cache.GetOrComputeAsync("image", () => Task.FromResult("not asked"));
        release.SetException(new InvalidOperationException("registry down"));

        await Assert.ThrowsAsync<InvalidOperationException>(() => first);
        await Assert.ThrowsAsync<InvalidOperationException>(() => waiter);
        Assert.Equal("recovered", await cache.GetOrComputeAsync("image", () => Task.FromResult("recovered")));
    }

    [Fact]
    public async Task AComputationThrowingBeforeItsFirstAwait_IsNotStored()
    {
        var cache = new SuccessCache<string, string>(TimeSpan.FromSeconds(60), _time);

        await Assert.ThrowsAsync<InvalidOperationException>(() => cache.GetOrComputeAsync("image", () => throw new InvalidOperationException("down")));

        Assert.Equal("recovered", await cache.GetOrComputeAsync("image", () => Task.FromResult("recovered")));
    }
}
