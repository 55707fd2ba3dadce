using System.Collections.Concurrent;
using System.Text.Json;
using System.Text.Json.Nodes;
using Kubewarden.PolicyServer.Tests.Harness;

namespace Kubewarden.PolicyServer.Tests;

/// <summary>policies.yml changes while requests keep flowing.</summary>
public sealed class HotReloadTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task PoliciesFileRewrittenUnderLoad_EveryRequestSucceeds_NewSetServes_ThenAnUnparseableFileKeepsThePreviousSet()
    {
        await using var server = new PolicyServerInstance();
        var accept = server.AddModule("accept", ServerPolicies.Accepting());
        var reject = server.AddModule("reject", ServerPolicies.Rejecting("rejected after reload", 403));
        var initial = server.WritePolicies(new JsonObject { ["accept"] = new JsonObject { ["module"] = accept } });
        await server.StartAsync(server.DefaultArgs(true, "--workers", "2"), Ct);
        Assert.Equal(PolicyServerInstance.VersionOf(initial), (await server.PoliciesAsync(Ct)).GetProperty("configVersion").GetString());

        // Load: one loop sends requests until the reload is observed, then 50 more.
        var failures = new ConcurrentQueue<string>();
        var flowing = new TaskCompletionSource();
        var reloaded = new TaskCompletionSource();
        var sent = 0;
        var load = Task.Run(async () =>
        {
            var after = 0;
            while (after < 50)
            {
                var uid = $"uid-load-{sent++}";
                try
                {
                    var (status, body, _) = await server.SendAsync("/validate/accept", Reviews.Pod(uid), Ct);
                    if (status != 200 || !body.Contains(Reviews.Accepted(uid), StringComparison.Ordinal))
                    {
                        failures.Enqueue($"{uid}: {status} {body}");
                    }
                }
                catch (HttpRequestException e)
                {
                    failures.Enqueue($"{uid}: {e.Message}");
                }

                flowing.TrySetResult();
                if (reloaded.Task.IsCompleted)
                {
                    after++;
                }
            }
        }, Ct);

        // On a busy machine the loop may start late; the file changes only once requests are flowing.
        await flowing.Task.WaitAsync(TimeSpan.FromSeconds(60), Ct);

        // A changed setting on `accept` and a new policy, replaced as a ConfigMap update does (atomic rename).
        var changed = server.ReplacePolicies(new JsonObject
        {
            ["accept"] = new JsonObject { ["module"] = accept, ["settings"] = new JsonObject { ["changed"] = true } },
            ["added"] = new JsonObject { ["module"] = reject },
        }.ToJsonString());
        var version = PolicyServerInstance.VersionOf(changed);
        await Poll.UntilAsync(
            async () => (await server.PoliciesAsync(Ct)).GetProperty("configVersion").GetString(),
            v => v == version,
            "the changed policies file to be served",
            Ct);
        reloaded.SetResult();
        await load.WaitAsync(TimeSpan.FromSeconds(60), Ct);

        Assert.Empty(failures);
        Assert.True(sent >= 51, $"only {sent} requests were sent");
        var (addedStatus, addedBody, _) = await server.SendAsync("/validate/added", Reviews.Pod("uid-added"), Ct);
        Assert.Equal(200, addedStatus);
        Assert.Contains("""{"uid":"uid-added","allowed":false,"status":{"message":"rejected after reload","code":403}""", addedBody, StringComparison.Ordinal);
        var policies = await server.PoliciesAsync(Ct);
        Assert.Equal(JsonValueKind.Null, policies.GetProperty("lastReloadError").ValueKind);
        Assert.Equal(["accept", "added"], policies.GetProperty("policies").EnumerateArray().Select(p => p.GetProperty("id").GetString()));

        // An unparseable file: refused, reported, and the previous set keeps serving.
        server.ReplacePolicies("accept: [this is: not: valid\n  - {");
        var refused = await Poll.UntilAsync(
            () => server.PoliciesAsync(Ct),
            p => p.GetProperty("lastReloadError").ValueKind == JsonValueKind.String,
            "the unparseable file to be reported in lastReloadError",
            Ct);
        Assert.False(string.IsNullOrWhiteSpace(refused.GetProperty("lastReloadError").GetString()));
        Assert.Equal(version, refused.GetProperty("configVersion").GetString());
        var (status, body, _) = await server.SendAsync("/validate/added", Reviews.Pod("uid-kept"), Ct);
        Assert.Equal(200, status);
        Assert.Contains("rejected after reload", body, StringComparison.Ordinal);
        using var ready = await server.Readiness.GetAsync(new Uri("/readiness", UriKind.Relative), Ct);
        Assert.Equal(200, (int)ready.StatusCode);
    }
}
