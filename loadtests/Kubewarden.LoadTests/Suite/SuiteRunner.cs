using System.Runtime.InteropServices;
using Kubewarden.LoadTests.Load;
using Kubewarden.LoadTests.Scenarios;
using Kubewarden.LoadTests.Soak;
using Kubewarden.LoadTests.Targets;

namespace Kubewarden.LoadTests.Suite;

/// <summary>
/// Runs the standard suite: the baseline target, then our policy-server on each engine with the shipped policies, every
/// scenario measured on each; the soak, when asked for, on the last engine's server after its scenarios.
/// </summary>
internal sealed class SuiteRunner(SuiteSettings settings, TextWriter progress)
{
    private const string BaselineTarget = "baseline";

    public async Task<SuiteResult> RunAsync(CancellationToken stop)
    {
        var started = DateTimeOffset.UtcNow;
        var work = Directory.CreateTempSubdirectory("kw-load-suite-");
        try
        {
            var shipped = ShippedScenarios.Prepare(PolicyServerLocator.RepositoryRoot(), work.FullName);
            var baseline = await MeasureBaselineAsync(shipped, work.FullName, stop).ConfigureAwait(false);
            var measurements = new List<ScenarioMeasurement>();
            SoakResult? soak = null;
            foreach (var engine in SuiteSettings.Engines)
            {
                var launch = new PolicyServerLaunch(shipped.PoliciesFile)
                {
                    Engine = engine, Workers = settings.Workers, AlwaysAcceptNamespace = ShippedScenarios.ExemptNamespace,
                };
                using var server = await PolicyServerProcess.StartAsync(launch, stop).ConfigureAwait(false);
                var load = Load(server.CaFile);
                using var client = LoadHttpClient.Create(load, settings.Connections);
                var measurer = new ScenarioMeasurer(client, load, settings.Connections, progress);
                var target = $"policy-server {engine}";
                foreach (var scenario in shipped.Scenarios)
                {
                    var forServer = scenario with { Target = server.ApiBase };
                    measurements.Add(await measurer.MeasureAsync(forServer, target, scenario.Name == shipped.Headline, stop).ConfigureAwait(false));
                }

                if (settings.Soak is { } duration && engine == SuiteSettings.Engines[^1])
                {
                    var max = measurements.Single(m => m.Target == target && m.Scenario == shipped.Headline).MaxThroughput.Throughput;
                    soak = await SoakAsync(server, client, shipped.HeadlineScenario with { Target = server.ApiBase }, max, target, duration, stop)
                        .ConfigureAwait(false);
                }
            }

            return new SuiteResult(
                started, RuntimeInformation.OSDescription, Environment.ProcessorCount, settings, shipped.PolicySource, shipped.Headline,
                baseline, measurements, soak, shipped.Notes, shipped.Skipped);
        }
        finally
        {
            work.Delete(recursive: true);
        }
    }

    private async Task<ScenarioMeasurement> MeasureBaselineAsync(ShippedScenarios shipped, string work, CancellationToken stop)
    {
        var caFile = Path.Combine(work, "baseline-ca.pem");
        await using var server = await BaselineServer.StartAsync(0, caFile, stop).ConfigureAwait(false);
        var load = Load(caFile);
        using var client = LoadHttpClient.Create(load, settings.Connections);
        var scenario = shipped.HeadlineScenario with { Target = server.Url };
        return await new ScenarioMeasurer(client, load, settings.Connections, progress)
            .MeasureAsync(scenario, BaselineTarget, atReferenceRate: true, stop).ConfigureAwait(false);
    }

    private async Task<SoakResult> SoakAsync(
        PolicyServerProcess server, HttpClient client, Scenario scenario, double max, string target, TimeSpan duration, CancellationToken stop)
    {
        var rate = Math.Max(1, max * SuiteSettings.SoakLoad);
        await progress.WriteLineAsync($"{target} / {scenario.Name}: soak at {rate:0} req/s for {RunCommand.Seconds(duration)}").ConfigureAwait(false);
        using var metricsClient = new HttpClient { Timeout = TimeSpan.FromSeconds(2) };
        var memory = CombinedMemorySource.ForTarget(metricsClient, new Uri(server.ReadinessBase, "metrics"), server.Pid);
        var load = new LoadSettings(duration, settings.SoakWarmup, settings.Timeout, Http2: false, server.CaFile, Insecure: false);
        return await new SoakRun(client, load, progress).RunAsync(scenario, rate, target, memory, settings.SampleInterval, stop).ConfigureAwait(false);
    }

    private LoadSettings Load(string caFile) =>
        new(settings.Duration, settings.Warmup, settings.Timeout, Http2: false, caFile, Insecure: false);
}
