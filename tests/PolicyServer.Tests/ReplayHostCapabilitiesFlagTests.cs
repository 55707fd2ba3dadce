using System.Collections;
using System.Diagnostics;
using System.Text.Json.Nodes;
using Kubewarden.Evaluation.Tests;
using Kubewarden.PolicyServer.Tests.Harness;

namespace Kubewarden.PolicyServer.Tests;

/// <summary><c>--replay-host-capabilities-interactions</c>: host calls answered from a kwctl session file.</summary>
public sealed class ReplayHostCapabilitiesFlagTests
{
    private const string Session = """
        - type: Exchange
          request: |
            !OciManifestDigest
            image: docker.io/library/busybox:1.36
          response:
            type: Success
            payload: '{"digest":"sha256:replayed"}'
        - type: Exchange
          request: "!OciManifestDigest\nimage: example.test/missing:1\n"
          response:
            type: Error
            message: 'Failed to retrieve OCI manifest digest: image not found'
        """;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Flag_HostCallsAnsweredFromTheSession_AsOftenAsAsked()
    {
        await using var server = new PolicyServerInstance();
        var session = WriteSession(server);
        server.WritePolicies(new JsonObject
        {
            ["digest"] = DigestPolicy(server, "docker.io/library/busybox:1.36"),
            ["missing"] = DigestPolicy(server, "example.test/missing:1"),
            ["unrecorded"] = DigestPolicy(server, "docker.io/library/busybox:1.37"),
            ["not-granted"] = DigestPolicy(server, "docker.io/library/busybox:1.36", hostCapabilities: ["net/*"]),
        });

        await server.StartAsync(server.DefaultArgs(true, "--replay-host-capabilities-interactions", session), Ct);

        for (var i = 0; i < 2; i++)
        {
            Assert.Equal((200, "{\"digest\":\"sha256:replayed\"}"), await MessageAsync(server, "digest"));
        }

        Assert.Equal((500, "Callback evaluation failure: Failed to retrieve OCI manifest digest: image not found"), await MessageAsync(server, "missing"));
        Assert.Equal(
            (500, $"Callback evaluation failure: the replay session {session} has no recorded answer for OciManifestDigest {{\"image\":\"docker.io/library/busybox:1.37\"}}"),
            await MessageAsync(server, "unrecorded"));
        Assert.Equal(
            (500, "Policy has not been granted access to the 'oci/v1/manifest_digest' host capability. The violation has been reported."),
            await MessageAsync(server, "not-granted"));
    }

    [Fact]
    public async Task EnvironmentVariable_SetsTheSession()
    {
        await using var server = new PolicyServerInstance();
        var session = WriteSession(server);
        server.WritePolicies(new JsonObject { ["digest"] = DigestPolicy(server, "docker.io/library/busybox:1.36") });

        await server.StartAsync(server.DefaultArgs(), Ct, new Hashtable { ["KUBEWARDEN_REPLAY_HOST_CAPABILITIES_INTERACTIONS"] = session });

        Assert.Equal((200, "{\"digest\":\"sha256:replayed\"}"), await MessageAsync(server, "digest"));
    }

    [Fact]
    public async Task UnusableSessionFile_StopsTheServerWithTheReason()
    {
        await using var server = new PolicyServerInstance();
        var session = Path.Combine(server.Root, "session.yml");
        await File.WriteAllTextAsync(session, "- request: \"!OciManifestDigests\\nimage: busybox\\n\"\n  response: {type: Success, payload: x}\n", Ct);
        server.WritePolicies(new JsonObject { ["digest"] = DigestPolicy(server, "busybox") });
        var start = new ProcessStartInfo("dotnet") { RedirectStandardError = true, RedirectStandardOutput = true };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "policy-server.dll"));
        foreach (var arg in server.DefaultArgs(true, "--replay-host-capabilities-interactions", session))
        {
            start.ArgumentList.Add(arg);
        }

        using var process = Process.Start(start)!;
        var stderr = process.StandardError.ReadToEndAsync(Ct);
        _ = process.StandardOutput.ReadToEndAsync(Ct);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        timeout.CancelAfter(TimeSpan.FromSeconds(60));
        await process.WaitForExitAsync(timeout.Token);

        Assert.Equal(2, process.ExitCode);
        Assert.Contains(
            $"policy-server: --replay-host-capabilities-interactions: the replay session {session}, entry 0 (line 1): unknown request kind `OciManifestDigests`",
            await stderr,
            StringComparison.Ordinal);
    }

    private static string WriteSession(PolicyServerInstance server)
    {
        var path = Path.Combine(server.Root, "session.yml");
        File.WriteAllText(path, Session);
        return path;
    }

    private static JsonObject DigestPolicy(PolicyServerInstance server, string image, string[]? hostCapabilities = null) => new()
    {
        ["module"] = server.AddModule(
            $"digest-{Guid.NewGuid():N}", TestPolicies.FromText(HostCallPolicy.Wat("oci", "v1/manifest_digest", $"\"{image}\""))),
        ["hostCapabilities"] = new JsonArray([.. (hostCapabilities ?? ["*"]).Select(c => (JsonNode)c)]),
    };

    /// <summary>The host-call policy echoes the host's answer (or error) as its rejection message.</summary>
    private static async Task<(int? Code, string? Message)> MessageAsync(PolicyServerInstance server, string policy)
    {
        var (status, body, _) = await server.SendAsync($"/validate/{policy}", Reviews.Pod($"uid-{policy}"), Ct);
        Assert.Equal(200, status);
        var answer = JsonNode.Parse(body)!["response"]!["status"]!;
        return ((int?)answer["code"], (string?)answer["message"]);
    }
}
