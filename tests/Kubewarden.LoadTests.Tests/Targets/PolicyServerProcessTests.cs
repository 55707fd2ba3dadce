using System.Net;
using System.Text;
using Kubewarden.LoadTests.Soak;
using Kubewarden.LoadTests.Targets;

namespace Kubewarden.LoadTests.Tests.Targets;

public sealed class PolicyServerProcessTests(PolicyServerFixture fixture) : IClassFixture<PolicyServerFixture>
{
    private PolicyServerProcess Server => fixture.Server;

    [Theory]
    [InlineData("unprivileged-pod", true)]
    [InlineData("privileged-pod", false)]
    public async Task Validate_OverHttps_AnswersThePolicyVerdict(string request, bool allowed)
    {
        using var client = new HttpClient(TargetTls.CreateHandler(Server.CaFile)) { BaseAddress = Server.ApiBase };

        using var response = await client.PostAsync(
            "validate/no-privileged-pods",
            new StringContent(File.ReadAllText(Examples.Request(request)), Encoding.UTF8, "application/json"),
            TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains($"\"allowed\":{(allowed ? "true" : "false")}", await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Metrics_GiveRssAndGcCounts()
    {
        using var http = new HttpClient();

        var reading = await new MetricsEndpointSource(http, new Uri(Server.ReadinessBase, "metrics")).ReadAsync(TestContext.Current.CancellationToken);

        Assert.InRange(reading.RssMiB.GetValueOrDefault(), 10, 4096);
        Assert.NotNull(reading.Gen0Collections);
        Assert.NotNull(reading.Gen2Collections);
    }

    [Fact]
    public async Task ProcStatus_GivesTheChildRss()
    {
        var reading = await new ProcStatusSource(Server.Pid).ReadAsync(TestContext.Current.CancellationToken);

        Assert.InRange(reading.RssMiB.GetValueOrDefault(), 10, 4096);
        Assert.False(reading.HasGcCounts);
    }
}
