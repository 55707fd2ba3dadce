using Kubewarden.LoadTests.Load;
using Microsoft.AspNetCore.Http;

namespace Kubewarden.LoadTests.Tests;

public sealed class OpenAndClosedLoopTests
{
    private static readonly TimeSpan s_serviceTime = TimeSpan.FromMilliseconds(50);

    [Fact]
    public async Task Open_loop_keeps_its_rate_and_counts_queueing_from_the_scheduled_time()
    {
        await using var server = await FakePolicyServer.StartAsync(OneAtATime());

        // 40 req/s against a server that can answer 20 req/s: answers fall further and further behind schedule.
        var result = await LoadHarness.RunAsync(server.BaseAddress, new OpenLoop(40, 1000), seconds: 1.5);

        Assert.InRange(result.Requests, 57, 61);
        Assert.Equal(result.Requests, result.Successes);
        Assert.True(result.Latency.P99 > 10 * s_serviceTime.TotalMilliseconds, $"p99 {result.Latency.P99} ms");
    }

    [Fact]
    public async Task Closed_loop_with_one_connection_sends_one_request_per_service_time()
    {
        await using var server = await FakePolicyServer.StartAsync(OneAtATime());

        // The warm-up takes the first request's connection set-up out of the figures.
        var result = await LoadHarness.RunAsync(server.BaseAddress, new ClosedLoop(1), seconds: 1.5, warmupSeconds: 0.3);

        // 1.5 s / 50 ms = 30 requests; the loop waits for each answer, so latency stays near the service time (the median:
        // one late answer on a busy machine must not decide the test).
        Assert.InRange(result.Successes, 20, 31);
        Assert.True(result.Latency.P50 < 2 * s_serviceTime.TotalMilliseconds, $"p50 {result.Latency.P50} ms");
        Assert.InRange(result.Throughput, 13, 21);
    }

    [Fact]
    public async Task Open_loop_counts_requests_beyond_max_outstanding_as_overloaded()
    {
        await using var server = await FakePolicyServer.StartAsync(
            FakePolicyServer.Answer(200, FakePolicyServer.Allowed, TimeSpan.FromSeconds(1.2)));

        var result = await LoadHarness.RunAsync(server.BaseAddress, new OpenLoop(100, 5), seconds: 1);

        Assert.Equal(5, result.Successes);
        Assert.InRange(result.Errors[ErrorKinds.Overloaded], 90, 96);
        Assert.Equal(result.Requests, result.Successes + result.Errors[ErrorKinds.Overloaded]);
    }

    [Fact]
    public async Task Warm_up_is_left_out_of_the_results_and_marked_in_the_progress()
    {
        var answered = 0;
        await using var server = await FakePolicyServer.StartAsync(async context =>
        {
            // The first answers are slow, as a cold server's would be; they all fall inside the warm-up.
            var slow = Interlocked.Increment(ref answered) <= 3;
            await FakePolicyServer.Answer(200, FakePolicyServer.Allowed, TimeSpan.FromMilliseconds(slow ? 300 : 10))(context);
        });
        var progress = new StringWriter();

        var result = await LoadHarness.RunAsync(
            server.BaseAddress, new ClosedLoop(1), seconds: 1, warmupSeconds: 1.5, progress: progress);

        Assert.True(result.Latency.Max < 200, $"max {result.Latency.Max} ms");
        Assert.InRange(result.DurationSeconds, 0.95, 1.05);
        Assert.True(result.Successes < answered - 3, $"{result.Successes} measured of {answered} answered");
        var lines = progress.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Contains("warm-up", lines[0], StringComparison.Ordinal);
        Assert.DoesNotContain("warm-up", lines[1], StringComparison.Ordinal);
        Assert.Contains("req/s", lines[1], StringComparison.Ordinal);
    }

    private static RequestDelegate OneAtATime()
    {
        var gate = new SemaphoreSlim(1);
        var answer = FakePolicyServer.Answer(200, FakePolicyServer.Allowed, s_serviceTime);
        return async context =>
        {
            await gate.WaitAsync();
            try
            {
                await answer(context);
            }
            finally
            {
                gate.Release();
            }
        };
    }
}
