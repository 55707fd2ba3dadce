using System.Collections;
using System.Text.Json.Nodes;
using Kubewarden.PolicyServer.Tests.Harness;

namespace Kubewarden.PolicyServer.Tests;

/// <summary>The server started with real flags (spec §4.6).</summary>
public sealed class CommandLineTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task EveryBooleanSwitch_BetweenValueFlags_IsAcceptedAndTheServerServes()
    {
        await using var server = new PolicyServerInstance();
        server.WritePolicies(new JsonObject { ["accept"] = new JsonObject { ["module"] = server.AddModule("accept", ServerPolicies.Accepting()) } });
        // Each switch sits between two value flags, so a switch that swallowed the next token would break the start.
        string[] args =
        [
            "--addr", "127.0.0.1",
            "--continue-on-errors",
            "--port", "0",
            "--enable-metrics",
            "--policies", server.PoliciesFile,
            "--disable-timeout-protection",
            "--readiness-probe-port", "0",
            "--log-no-color",
            "--workers", "2",
            "--ignore-kubernetes-connection-failure",
            "--policies-download-dir", Path.Combine(server.Root, "dl"),
            "--daemon",
            "--cert-file", server.CertFile,
            "--enable-pprof",
            "--key-file", server.KeyFile,
            "--client-ca-file", server.ClientCaFile,
            "--log-level", "warn",
        ];
        await File.WriteAllTextAsync(server.ClientCaFile, Kubewarden.Hosting.Tests.Tls.TlsTestMaterial.CertificatePem(server.Pki.ClientCa), Ct);

        await server.StartAsync(args, Ct, new Hashtable());
        var (status, body, _) = await server.SendAsync("/validate/accept", Reviews.Pod("uid-switches"), Ct);
        using var ready = await server.Readiness.GetAsync(new Uri("/readiness", UriKind.Relative), Ct);

        Assert.Equal(200, status);
        Assert.Contains(Reviews.Accepted("uid-switches"), body, StringComparison.Ordinal);
        Assert.Equal(200, (int)ready.StatusCode);
    }

    [Fact]
    public async Task FlagsFromEnvironmentVariables_AreUsed()
    {
        await using var server = new PolicyServerInstance();
        server.WritePolicies(new JsonObject { ["trap"] = new JsonObject { ["module"] = server.AddModule("trap", ServerPolicies.Trapping()) } });
        var environment = new Hashtable { ["KUBEWARDEN_ALWAYS_ACCEPT_ADMISSION_REVIEWS_ON_NAMESPACE"] = "exempt", ["KUBEWARDEN_WORKERS"] = "1" };

        await server.StartAsync(server.DefaultArgs(), Ct, environment);
        var (status, body, _) = await server.SendAsync("/validate/trap", Reviews.Pod("uid-env", ns: "exempt"), Ct);

        Assert.Equal(200, status);
        Assert.Contains(Reviews.Accepted("uid-env"), body, StringComparison.Ordinal);
    }
}
