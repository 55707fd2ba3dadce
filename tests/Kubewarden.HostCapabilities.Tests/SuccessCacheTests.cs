namespace Kubewarden.HostCapabilities.Tests;

public sealed class SuccessCacheTests
{
    private readonly ManualClock _clock = new();

    [Fact]
    public async Task ConcurrentCallersOfOneKey_ShareOneComputation()
    {
        var cache = new SuccessCache<string>(TimeSpan.FromSeconds(60), _clock);
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

        Assert.Equal("answer", await first);
        Assert.Equal("answer", await second);
        Assert.Equal("other answer", await other);
        Assert.Equal(1, computations);
    }

    [Fact]
    public async Task AFailedComputation_FailsItsWaiters_AndTheNextCallerComputesAgain()
    {
        var cache = new SuccessCache<string>(TimeSpan.FromSeconds(60), _clock);
        var release = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        var first = cache.GetOrComputeAsync("image", () => release.Task);
        var waiter = cache.GetOrComputeAsync("image", () => Task.FromResult("not asked"));
        release.SetException(new InvalidOperationException("registry down"));

        await Assert.ThrowsAsync<InvalidOperationException>(() => first);
        await Assert.ThrowsAsync<InvalidOperationException>(() => waiter);
        Assert.Equal("recovered", await cache.GetOrComputeAsync("image", () => Task.FromResult("recovered")));
    }
}
