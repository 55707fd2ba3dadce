using Kubewarden.Evaluation;
using Kubewarden.LoadTests.Bench;
using Microsoft.Extensions.Logging.Abstractions;

namespace Kubewarden.LoadTests.Tests.Bench;

public sealed class PolicyBenchTests
{
    [Theory]
    [InlineData("unprivileged-pod", true)]
    [InlineData("privileged-pod", false)]
    public void MeasuresTheIterations_AndGivesTheVerdict(string request, bool allowed)
    {
        var options = new BenchOptions(Examples.Policy, Examples.Request(request)) { Iterations = 200, Warmup = 10 };

        var result = new PolicyBench(NullLoggerFactory.Instance).Run(options, TestContext.Current.CancellationToken);

        Assert.Equal(200, result.Latency.Count);
        Assert.Equal(allowed, result.Allowed);
        Assert.Equal(EvaluationFailure.None, result.Failure);
        Assert.True(result.Latency.P50Microseconds <= result.Latency.P99Microseconds && result.Latency.P99Microseconds <= result.Latency.MaxMicroseconds);
        Assert.True(result.Latency.EvaluationsPerSecond > 0);
    }

    [Fact]
    public void WatWithoutMetadata_NeedsTheExecutionMode()
    {
        var options = new BenchOptions(Examples.PolicyText, Examples.Request("privileged-pod")) { Iterations = 5, Warmup = 1 };

        Assert.Throws<PolicyLoadException>(() => new PolicyBench(NullLoggerFactory.Instance).Run(options, TestContext.Current.CancellationToken));
        var result = new PolicyBench(NullLoggerFactory.Instance).Run(options with { ExecutionMode = ExecutionMode.KubewardenWapc }, TestContext.Current.CancellationToken);
        Assert.False(result.Allowed);
    }

    [Fact]
    public void Report_ShowsTheDistribution()
    {
        var options = new BenchOptions("p.wasm", "r.json");
        var result = new BenchResult(new LatencyDistribution(10, 12.5, 11, 20, 30, 40, 8000), ExecutionMode.KubewardenWapc, false, "no", EvaluationFailure.None);

        var text = BenchReport.Format(options, result);

        Assert.Contains("rejected: no", text, StringComparison.Ordinal);
        Assert.Contains("evaluations 10, 8000/s", text, StringComparison.Ordinal);
        Assert.Contains("12.5      11.0      20.0      30.0      40.0", text, StringComparison.Ordinal);
    }
}
