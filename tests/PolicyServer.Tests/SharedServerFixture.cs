using System.Text.Json.Nodes;
using Kubewarden.Evaluation.Tests;
using Kubewarden.PolicyServer.Tests.Harness;

[assembly: AssemblyFixture(typeof(Kubewarden.PolicyServer.Tests.SharedServerFixture))]

namespace Kubewarden.PolicyServer.Tests;

/// <summary>
/// One server for the tests that only send requests: every kind of policy of the suite side by side (healthy, broken,
/// groups, post-processing variants), namespace exemption for kube-system, a 1000-byte body limit, 2 workers.
/// </summary>
public sealed class SharedServerFixture : IAsyncLifetime
{
    public const int MaxBodyBytes = 1000;
    public const string RejectMessage = "rejected by test";
    public const int RejectCode = 403;
    public const string CustomMessage = "custom says no";
    public const string GroupMessage = "group says no";
    public const string SettingsRejection = "settings are wrong";

    internal PolicyServerInstance Server { get; } = new();

    /// <summary>The bytes of policies.yml as written (for configVersion).</summary>
    public byte[] PoliciesBytes { get; private set; } = [];

    public async ValueTask InitializeAsync()
    {
        var accept = Server.AddModule("accept", ServerPolicies.Accepting());
        var reject = Server.AddModule("reject", ServerPolicies.Rejecting(RejectMessage, RejectCode));
        var mutate = Server.AddModule("mutate", ServerPolicies.Mutating());
        var trap = Server.AddModule("trap", ServerPolicies.Trapping());
        var loop = Server.AddModule("loop", ServerPolicies.Looping());
        var badSettings = Server.AddModule("bad-settings", ServerPolicies.RejectingSettings(SettingsRejection));
        // The project's engine-level trap policy traps on validate_settings too: it cannot pass the load-time check.
        var unservable = Server.AddModule("trap-unreachable", TestPolicies.Load("trap-unreachable"));
        var notWasm = Server.AddModule("not-wasm", "this is not a wasm module"u8.ToArray());

        var policies = new JsonObject
        {
            ["accept"] = new JsonObject { ["module"] = accept },
            ["reject"] = new JsonObject { ["module"] = reject },
            ["reject-custom"] = new JsonObject { ["module"] = reject, ["message"] = CustomMessage },
            ["monitor-reject"] = new JsonObject { ["module"] = reject, ["policyMode"] = "monitor" },
            ["mutate-allowed"] = new JsonObject { ["module"] = mutate, ["allowedToMutate"] = true },
            ["mutate-denied"] = new JsonObject { ["module"] = mutate, ["allowedToMutate"] = false },
            ["trap"] = new JsonObject { ["module"] = trap },
            ["endless"] = new JsonObject { ["module"] = loop, ["timeoutEvalSeconds"] = 1 },
            ["group-and"] = new JsonObject
            {
                ["expression"] = "a() && b()",
                ["message"] = GroupMessage,
                ["policies"] = new JsonObject { ["a"] = new JsonObject { ["module"] = accept }, ["b"] = new JsonObject { ["module"] = reject } },
            },
            ["group-or"] = new JsonObject
            {
                ["expression"] = "a() || b()",
                ["message"] = GroupMessage,
                // b never returns within 10 s: the group answering fast proves it was not called.
                ["policies"] = new JsonObject { ["a"] = new JsonObject { ["module"] = accept }, ["b"] = new JsonObject { ["module"] = loop, ["timeoutEvalSeconds"] = 10 } },
            },
            ["missing-module"] = new JsonObject { ["module"] = Server.ModuleUrl("does-not-exist") },
            ["invalid-settings"] = new JsonObject { ["module"] = badSettings, ["settings"] = new JsonObject { ["x"] = 1 } },
            ["unservable"] = new JsonObject { ["module"] = unservable },
            ["not-wasm"] = new JsonObject { ["module"] = notWasm },
        };
        PoliciesBytes = Server.WritePolicies(policies);
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await Server.StartAsync(
            Server.DefaultArgs(
                clientCa: true,
                "--workers", "2",
                "--always-accept-admission-reviews-on-namespace", "kube-system",
                "--max-request-body-bytes", MaxBodyBytes.ToString(System.Globalization.CultureInfo.InvariantCulture)),
            timeout.Token);
    }

    public ValueTask DisposeAsync() => Server.DisposeAsync();
}
