using Kubewarden.LoadTests.Load;
using Kubewarden.LoadTests.Scenarios;

namespace Kubewarden.LoadTests.Tests;

/// <summary>Runs one load model against a target the way <c>kw-load run</c> does.</summary>
internal static class LoadHarness
{
    public static async Task<LoadResult> RunAsync(
        Uri target,
        ILoadModel model,
        double seconds,
        double warmupSeconds = 0,
        double timeoutSeconds = 5,
        bool http2 = false,
        TextWriter? progress = null)
    {
        var settings = new LoadSettings(
            TimeSpan.FromSeconds(seconds),
            TimeSpan.FromSeconds(warmupSeconds),
            TimeSpan.FromSeconds(timeoutSeconds),
            http2,
            CaFile: null,
            Insecure: false);
        var scenario = new Scenario(
            "test",
            target,
            "/validate/p",
            new Dictionary<string, string>(),
            new RequestMix([new WeightedTemplate(BodyTemplate.Parse("body", """{"request":{"uid":"{{uid}}"}}"""), 1)]));
        using var client = LoadHttpClient.Create(settings, 1000);
        var runner = new LoadRunner(client, settings, progress ?? TextWriter.Null);
        return await runner.RunAsync(scenario, model, "fake", TestContext.Current.CancellationToken);
    }
}
