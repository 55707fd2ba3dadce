using Kubewarden.HostCapabilities.Sigstore;
using Microsoft.Extensions.Time.Testing;

namespace Kubewarden.HostCapabilities.Tests.Sigstore;

public sealed class VerificationResultCacheTests
{
    private readonly FakeTimeProvider _time = new(DateTimeOffset.UtcNow);

    [Fact]
    public async Task ConcurrentCallers_ShareOneVerification()
    {
        var cache = new VerificationResultCache(_time);
        var release = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        var verifications = 0;
        Task<string> Verify()
        {
            Interlocked.Increment(ref verifications);
            return release.Task;
        }

        var first = cache.GetOrVerifyAsync("key", Verify);
        var second = cache.GetOrVerifyAsync("key", Verify);
        release.SetResult("sha256:abc");

        Assert.Equal(["sha256:abc", "sha256:abc"], await Task.WhenAll(first, second));
        Assert.Equal(1, verifications);
    }

    [Fact]
    public async Task Failure_IsNotKept()
    {
        var cache = new VerificationResultCache(_time);

        await Assert.ThrowsAsync<InvalidOperationException>(() => cache.GetOrVerifyAsync("key", () => throw new InvalidOperationException("down")));
        var digest = await cache.GetOrVerifyAsync("key", () => Task.FromResult("sha256:abc"));

        Assert.Equal("sha256:abc", digest);
    }

    [Fact]
    public async Task Success_IsKeptSixtySecondsAfterItCompleted()
    {
        var cache = new VerificationResultCache(_time);
        var verifications = 0;
        Task<string> Verify() => Task.FromResult($"sha256:{Interlocked.Increment(ref verifications)}");

        await cache.GetOrVerifyAsync("key", Verify);
        _time.Advance(TimeSpan.FromSeconds(59.9));
        var cached = await cache.GetOrVerifyAsync("key", Verify);
        _time.Advance(TimeSpan.FromSeconds(0.1));
        var renewed = await cache.GetOrVerifyAsync("key", Verify);

        Assert.Equal("sha256:1", cached);
        Assert.Equal("sha256:2", renewed);
    }
}
