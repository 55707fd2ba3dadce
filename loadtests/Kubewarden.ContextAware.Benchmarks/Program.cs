using System.Diagnostics;
using System.Globalization;
using System.Text;
using Kubewarden.Admission;
using Kubewarden.ContextAware.Benchmarks;
using Kubewarden.Evaluation;
using Kubewarden.Evaluation.HostCapabilities;
using Kubewarden.Evaluation.Metadata;
using Kubewarden.Evaluation.Tests;
using Kubewarden.Kubernetes;
using Kubewarden.Kubernetes.Api;
using Kubewarden.Oci.Tests.Registry;
using Kubewarden.Wasm;
using Kubewarden.Wasm.Engines;
using Microsoft.Extensions.Logging.Abstractions;

// Context-aware policies on a big cluster, against the test API server (scripts/kube-apiserver.sh): a policy listing
// 3,000 Namespaces and one listing 10,000 RoleBindings, next to a non-context-aware baseline, in one run.
// Part 1 (in-process, Wasmtime): per evaluation, the total, the host part (handler, and handler + copy into guest
// memory) and the guest part. Part 2: the RSS of a policy-server process holding those caches, against a baseline
// process serving only the non-context-aware policy.
const int NamespaceCount = 3000;
const int RoleBindingCount = 10000;
const int Iterations = 200;
const int LoadRequests = 400;
var kubeconfig = Environment.GetEnvironmentVariable("KUBEWARDEN_TEST_KUBECONFIG") is { Length: > 0 } path ? path : "/tmp/kube-e2e/kubeconfig";

using (var seeder = new ClusterSeeder(kubeconfig))
{
    await seeder.EnsureAsync("api/v1/namespaces", NamespaceCount, i => $"bench-ns-{i:D4}",
        n => "{\"apiVersion\":\"v1\",\"kind\":\"Namespace\",\"metadata\":{\"name\":\"" + n + "\",\"labels\":{\"kubewarden.io/bench\":\"true\",\"team\":\"team-" + n[^1] + "\"}}}");
    await seeder.CreateIfMissingAsync("api/v1/namespaces", """{"apiVersion":"v1","kind":"Namespace","metadata":{"name":"bench-rb"}}""");
    await seeder.EnsureAsync("apis/rbac.authorization.k8s.io/v1/namespaces/bench-rb/rolebindings", RoleBindingCount, i => $"rb-{i:D5}",
        n => $$$"""{"apiVersion":"rbac.authorization.k8s.io/v1","kind":"RoleBinding","metadata":{"name":"{{{n}}}","namespace":"bench-rb","labels":{"app":"bench"}},"roleRef":{"apiGroup":"rbac.authorization.k8s.io","kind":"ClusterRole","name":"view"},"subjects":[{"kind":"User","name":"user-{{{n}}}","apiGroup":"rbac.authorization.k8s.io"}]}""");
}

const string ListNamespaces = """{"api_version":"v1","kind":"Namespace"}""";
const string ListRoleBindings = """{"api_version":"rbac.authorization.k8s.io/v1","kind":"RoleBinding","namespace":"bench-rb"}""";
var namespaceGrant = new ContextAwareResource("v1", "Namespace");
var roleBindingGrant = new ContextAwareResource("rbac.authorization.k8s.io/v1", "RoleBinding");

Console.WriteLine($"# Context-aware policies: {NamespaceCount} Namespaces, {RoleBindingCount} RoleBindings ({DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC)");
Console.WriteLine();
// `memory` runs only part 2 (e.g. to compare GC settings passed through the environment).
if (args is not ["memory"])
{
    await InProcessAsync();
    Console.WriteLine();
}

await MemoryAsync();
return 0;

async Task InProcessAsync()
{
    var connection = KubernetesConnectionFactory.TryCreate(kubeconfig, out var reason) ?? throw new InvalidOperationException(reason);
    using var cluster = new KubernetesCluster(connection, NullLoggerFactory.Instance);
    var handlers = KubernetesCapabilities.Create(cluster, TimeProvider.System, NullLoggerFactory.Instance).Select(h => new TimedHandler(h)).ToArray();
    var dispatcher = new HostCapabilityDispatcher(handlers, NullLogger<HostCapabilityDispatcher>.Instance);
    using var engine = WasmEngines.Create("wasmtime", new WasmEngineOptions());
    using var loader = new PolicyLoader(engine, dispatcher, new EvaluationOptions(), NullLoggerFactory.Instance, TimeProvider.System);
    var request = Request();

    PolicyEvaluator Load(string id, string wat, ContextAwareResource? grant) => loader.Load(
        new PolicyDefinition(id) { HostCapabilities = ["*"], ContextAwareResources = grant is null ? [] : [grant] }, TestPolicies.FromText(wat));

    var baseline = Measure(loader.Load(new PolicyDefinition("baseline"), TestPolicies.FromText(BaselineWat)));
    Console.WriteLine("## Per evaluation (in-process, Wasmtime, median of " + Iterations + " after warm-up; same run)");
    Console.WriteLine();
    Console.WriteLine("| policy | answer | total | host: handler | host: handler + copy into guest memory | guest: reads the answer | total / baseline |");
    Console.WriteLine("|---|---:|---:|---:|---:|---:|---:|");
    Console.WriteLine($"| baseline (accept, no host call) | - | {Ms(baseline.Total)} | - | - | - | 1.0 |");
    foreach (var (name, payload, grant) in new[] { ("list 3,000 Namespaces", ListNamespaces, namespaceGrant), ("list 10,000 RoleBindings", ListRoleBindings, roleBindingGrant) })
    {
        var operation = grant == namespaceGrant ? "list_resources_all" : "list_resources_by_namespace";
        var receive = Measure(Load(name + " receive", HostCallPolicy.Wat("kubernetes", operation, payload, HostCallPolicyAnswer.Receive), grant));
        var scan = Measure(Load(name + " scan", HostCallPolicy.Wat("kubernetes", operation, payload, HostCallPolicyAnswer.Scan), grant));
        var answer = handlers.Single(h => h.Operation == operation).LastAnswerBytes;
        Console.WriteLine(
            $"| {name} | {answer / 1024.0 / 1024.0:F1} MiB | {Ms(scan.Total)} | {Ms(scan.Handler)} | {Ms(receive.Total - baseline.Total)} | {Ms(scan.Total - receive.Total)} | {scan.Total / baseline.Total:F1} |");
    }

    (double Total, double Handler) Measure(PolicyEvaluator evaluator)
    {
        var totals = new double[Iterations];
        var inHandler = new double[Iterations];
        for (var i = -20; i < Iterations; i++)
        {
            TimedHandler.Last = 0;
            var started = Stopwatch.GetTimestamp();
            var verdict = evaluator.Validate(request);
            var elapsed = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
            if (!verdict.Response.Allowed)
            {
                throw new InvalidOperationException($"the policy rejected: {verdict.Response.Status?.Message}");
            }

            if (i >= 0)
            {
                totals[i] = elapsed;
                inHandler[i] = TimedHandler.Last;
            }
        }

        return (Median(totals), Median(inHandler));
    }
}

async Task MemoryAsync()
{
    var root = Directory.CreateTempSubdirectory("kw-context-aware-").FullName;
    var modules = new Dictionary<string, (string Wat, string? ApiVersion, string? Kind)>
    {
        ["baseline"] = (BaselineWat, null, null),
        ["namespaces"] = (HostCallPolicy.Wat("kubernetes", "list_resources_all", ListNamespaces, HostCallPolicyAnswer.Scan), "v1", "Namespace"),
        ["rolebindings"] = (HostCallPolicy.Wat("kubernetes", "list_resources_by_namespace", ListRoleBindings, HostCallPolicyAnswer.Scan), "rbac.authorization.k8s.io/v1", "RoleBinding"),
    };
    foreach (var (id, (wat, _, _)) in modules)
    {
        await File.WriteAllBytesAsync(Path.Combine(root, id + ".wasm"), TestPolicies.FromText(wat));
    }

    Console.WriteLine($"## policy-server RSS (MiB; separate processes, same run; {LoadRequests * modules.Count} requests each, 4 concurrent)");
    Console.WriteLine();
    Console.WriteLine("| server | after start | after first requests | after load | peak (VmHWM) |");
    Console.WriteLine("|---|---:|---:|---:|---:|");
    await RunServerAsync("baseline only (no context-aware policy)", ["baseline"]);
    await RunServerAsync("baseline + 3,000 Namespaces + 10,000 RoleBindings cached", ["baseline", "namespaces", "rolebindings"]);
    Directory.Delete(root, recursive: true);

    async Task RunServerAsync(string name, string[] ids)
    {
        var policies = Path.Combine(root, $"policies-{ids.Length}.yml");
        var yaml = new StringBuilder();
        foreach (var id in ids)
        {
            var (_, apiVersion, kind) = modules[id];
            yaml.Append(CultureInfo.InvariantCulture, $"{id}:\n  module: file://{Path.Combine(root, id + ".wasm")}\n  hostCapabilities: [\"*\"]\n");
            if (kind is not null)
            {
                yaml.Append(CultureInfo.InvariantCulture, $"  contextAwareResources:\n  - apiVersion: {apiVersion}\n    kind: {kind}\n");
            }
        }

        await File.WriteAllTextAsync(policies, yaml.ToString());
        var (port, readiness) = (ChildProcesses.FreeLoopbackPort(), ChildProcesses.FreeLoopbackPort());
        var start = new ProcessStartInfo("dotnet")
        {
            ArgumentList =
            {
                Path.Combine(AppContext.BaseDirectory, "policy-server.dll"), "--addr", "127.0.0.1",
                "--port", port.ToString(CultureInfo.InvariantCulture), "--readiness-probe-port", readiness.ToString(CultureInfo.InvariantCulture),
                "--policies", policies, "--policies-download-dir", Path.Combine(root, "store"), "--kubeconfig", kubeconfig, "--log-level", "warn",
            },
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        using var process = Process.Start(start)!;
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}/"), Timeout = TimeSpan.FromSeconds(60) };
        using var probe = new HttpClient { Timeout = TimeSpan.FromSeconds(2) };
        while (true)
        {
            if (process.HasExited)
            {
                throw new InvalidOperationException($"policy-server exited with {process.ExitCode}");
            }

            try
            {
                if ((await probe.GetAsync($"http://127.0.0.1:{readiness}/readiness")).IsSuccessStatusCode)
                {
                    break;
                }
            }
            catch (HttpRequestException)
            {
            }

            await Task.Delay(100);
        }

        var afterStart = Rss(process.Id);
        var review = Review();
        foreach (var id in ids)
        {
            await SendAsync(http, id, review);
        }

        var afterFirst = Rss(process.Id);
        // Every server answers the same number of requests: the baseline server sends them all to its one policy.
        foreach (var id in ids.Length == 1 ? Enumerable.Repeat(ids[0], modules.Count) : ids)
        {
            await Parallel.ForEachAsync(Enumerable.Range(0, LoadRequests), new ParallelOptions { MaxDegreeOfParallelism = 4 }, async (_, _) => await SendAsync(http, id, review));
        }

        var afterLoad = Rss(process.Id);
        var peak = Status(process.Id, "VmHWM:");
        process.Kill(entireProcessTree: true);
        await process.WaitForExitAsync();
        Console.WriteLine($"| {name} | {afterStart:F0} | {afterFirst:F0} | {afterLoad:F0} | {peak:F0} |");
    }
}

static async Task SendAsync(HttpClient http, string id, string review)
{
    using var response = await http.PostAsync($"validate/{id}", new StringContent(review, Encoding.UTF8, "application/json"));
    var body = await response.Content.ReadAsStringAsync();
    if (!response.IsSuccessStatusCode || !body.Contains("\"allowed\":true", StringComparison.Ordinal))
    {
        throw new InvalidOperationException($"{id}: {(int)response.StatusCode} {body[..Math.Min(body.Length, 300)]}");
    }
}

static double Rss(int pid) => Status(pid, "VmRSS:");

static double Status(int pid, string field)
{
    var line = File.ReadLines($"/proc/{pid}/status").First(l => l.StartsWith(field, StringComparison.Ordinal));
    return double.Parse(line[field.Length..].Trim().Split(' ')[0], CultureInfo.InvariantCulture) / 1024.0;
}

static double Median(double[] values) => values.Order().ElementAt(values.Length / 2);

static string Ms(double milliseconds) => milliseconds < 1 ? $"{milliseconds * 1000:F0} µs" : $"{milliseconds:F2} ms";

static string Review() =>
    """{"apiVersion":"admission.k8s.io/v1","kind":"AdmissionReview","request":{"uid":"bench","kind":{"group":"","version":"v1","kind":"Pod"},"resource":{"group":"","version":"v1","resource":"pods"},"name":"nginx","namespace":"default","operation":"CREATE","userInfo":{"username":"alice"},"object":{"apiVersion":"v1","kind":"Pod","metadata":{"name":"nginx"}}}}""";

static ValidationRequest Request() =>
    ValidationRequest.ForAdmission(AdmissionRequest.Parse(Encoding.UTF8.GetBytes(
        """{"uid":"bench","kind":{"group":"","version":"v1","kind":"Pod"},"resource":{"group":"","version":"v1","resource":"pods"},"name":"nginx","namespace":"default","operation":"CREATE","userInfo":{"username":"alice"},"object":{"apiVersion":"v1","kind":"Pod","metadata":{"name":"nginx"}}}""")));

/// <summary>Accepts every request and every setting, without a host call: the non-context-aware baseline.</summary>
internal static partial class Program
{
    private const string BaselineWat = """
        (module
          (import "wapc" "__guest_response" (func $guest_response (param i32 i32)))
          (memory (export "memory") 1)
          (data (i32.const 0) "{\"valid\":true}")
          (data (i32.const 32) "{\"accepted\":true}")
          (func (export "__guest_call") (param $operation i32) (param $payload i32) (result i32)
            (if (i32.eq (local.get $operation) (i32.const 17))
              (then (call $guest_response (i32.const 0) (i32.const 14)))
              (else (call $guest_response (i32.const 32) (i32.const 17))))
            (i32.const 1)))
        """;
}
