namespace Kubewarden.PolicyServer.Tests.Harness;

/// <summary>Bounded polling for things that happen asynchronously (file watchers, reloads): no fixed sleeps.</summary>
internal static class Poll
{
    public static async Task<T> UntilAsync<T>(Func<Task<T>> probe, Func<T, bool> done, string what, CancellationToken cancellationToken, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(20));
        var last = await probe();
        while (!done(last))
        {
            if (DateTime.UtcNow > deadline)
            {
                Assert.Fail($"timed out waiting for {what}; last observation: {last}");
            }

            await Task.Delay(50, cancellationToken);
            last = await probe();
        }

        return last;
    }
}
