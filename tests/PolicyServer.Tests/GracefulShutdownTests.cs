using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;
using Kubewarden.PolicyServer.Tests.Harness;
using Kubewarden.Oci.Tests.Registry;

namespace Kubewarden.PolicyServer.Tests;

/// <summary>
/// SIGTERM during an evaluation: the server stops accepting connections, lets the in-flight evaluation finish and
/// answer, then exits 0 — what a rollout needs to drop no request. Runs the real executable as a child process.
/// </summary>
public sealed class GracefulShutdownTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Sigterm_DuringAnEvaluation_FinishesItThenExitsZero()
    {
        Assert.SkipUnless(OperatingSystem.IsLinux(), "SIGTERM is sent with kill(1)");
        var directory = Directory.CreateTempSubdirectory("kubewarden-shutdown").FullName;
        try
        {
            var module = Path.Combine(directory, "loop.wasm");
            await File.WriteAllBytesAsync(module, ServerPolicies.Looping(), Ct);
            var policies = Path.Combine(directory, "policies.yml");
            await File.WriteAllTextAsync(policies, $"loop:\n  module: file://{module}\n  timeoutEvalSeconds: 2\n", Ct);
            var (apiPort, readinessPort) = (ChildProcesses.FreeLoopbackPort(), ChildProcesses.FreeLoopbackPort());
            using var server = StartServer(directory, policies, apiPort, readinessPort);
            using var client = new HttpClient { Timeout = TimeSpan.FromSeconds(30) };
            await WaitUntilReadyAsync(client, readinessPort, server);

            var inFlight = client.PostAsync(
                $"http://127.0.0.1:{apiPort}/validate/loop", new StringContent(Reviews.Pod("uid-shutdown"), Encoding.UTF8, "application/json"), Ct);
            await Task.Delay(TimeSpan.FromMilliseconds(500), Ct);
            using (var kill = Process.Start("kill", ["-TERM", server.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]))
            {
                await kill.WaitForExitAsync(Ct);
            }

            using var response = await inFlight;
            var body = await response.Content.ReadAsStringAsync(Ct);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Contains("Policy execution interrupted because it exceeded the allowed execution time", body, StringComparison.Ordinal);
            using var exit = CancellationTokenSource.CreateLinkedTokenSource(Ct);
            exit.CancelAfter(TimeSpan.FromSeconds(30));
            await server.WaitForExitAsync(exit.Token);
            Assert.Equal(0, server.ExitCode);
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    private static Process StartServer(string directory, string policies, int apiPort, int readinessPort)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            ArgumentList =
            {
                Path.Combine(AppContext.BaseDirectory, "policy-server.dll"),
                "--addr", "127.0.0.1", "--port", apiPort.ToString(System.Globalization.CultureInfo.InvariantCulture),
                "--readiness-probe-port", readinessPort.ToString(System.Globalization.CultureInfo.InvariantCulture),
                "--policies", policies, "--policies-download-dir", Path.Combine(directory, "downloads"), "--log-level", "warn",
            },
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        var process = Process.Start(start)!;
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return process;
    }

    private static async Task WaitUntilReadyAsync(HttpClient client, int readinessPort, Process server)
    {
        for (var attempt = 0; attempt < 300; attempt++)
        {
            Assert.False(server.HasExited, "the policy-server exited before becoming ready");
            try
            {
                using var response = await client.GetAsync($"http://127.0.0.1:{readinessPort}/readiness", Ct);
                if (response.IsSuccessStatusCode)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }

            await Task.Delay(TimeSpan.FromMilliseconds(100), Ct);
        }

        Assert.Fail("the policy-server did not become ready within 30 s");
    }
}
