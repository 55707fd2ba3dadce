namespace Kubewarden.LoadTests.Soak;

/// <summary>Reads a <see cref="IMemorySource"/> at a fixed interval, from now until stopped.</summary>
internal sealed class MemorySampler(IMemorySource source, TimeSpan interval, TimeProvider time)
{
    /// <summary>Samples once now, then every interval until <paramref name="stop"/> is cancelled; returns the series.</summary>
    public async Task<IReadOnlyList<MemorySample>> SampleUntilAsync(CancellationToken stop)
    {
        var samples = new List<MemorySample>();
        var started = time.GetTimestamp();
        using var timer = new PeriodicTimer(interval, time);
        try
        {
            do
            {
                var reading = await source.ReadAsync(stop);
                samples.Add(new MemorySample(time.GetElapsedTime(started), reading));
            }
            while (await timer.WaitForNextTickAsync(stop));
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
        }

        return samples;
    }
}
