using System.Diagnostics;
using System.Text.Json;
using Kubewarden.Evaluation.HostCapabilities;
using Kubewarden.Wasm;
using Kubewarden.Wasm.Binary;
using Kubewarden.Wasm.Engines;
using Microsoft.Extensions.Logging.Abstractions;

namespace Kubewarden.Evaluation.Benchmarks;

/// <summary>
/// Resident memory per loaded policy (<c>rss &lt;engine&gt;</c>): loads distinct copies of the corpus TinyGo policy
/// (each its own module: a unique custom section changes the digest), evaluates each once, and reports the growth of
/// the process's resident set divided by the number of policies. One engine per process, for a clean baseline.
/// </summary>
internal static class RssProbe
{
    private const int Policies = 20;

    public static int Run(string engineName)
    {
        using var engine = WasmEngines.Create(engineName, new WasmEngineOptions());
        using var loader = BenchmarkLoaders.Create(engine);
        using var ingress = JsonDocument.Parse(CorpusPolicy.IngressRequest);
        var request = ValidationRequest.ForRaw(ingress.RootElement);
        var before = ResidentBytes();
        for (var i = 0; i < Policies; i++)
        {
            var module = WasmCustomSection.Append(CorpusPolicy.Module, "rss-probe", BitConverter.GetBytes(i));
            loader.Load(new PolicyDefinition($"p{i}"), module).Validate(request);
        }

        var after = ResidentBytes();
        Console.WriteLine($"| {engineName} | {Policies} | {(after - before) / Policies / 1048576.0:F1} MiB |");
        return 0;
    }

    private static long ResidentBytes()
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
        using var process = Process.GetCurrentProcess();
        return process.WorkingSet64;
    }
}
