using System.CommandLine;

namespace Kubewarden.LoadTests.Targets;

/// <summary><c>kw-load baseline</c>: serves the <see cref="BaselineServer"/> until Ctrl+C.</summary>
internal static class BaselineCommand
{
    public static Command Create()
    {
        var port = new Option<int>("--port") { Description = "Port on 127.0.0.1 (0: any free port)", DefaultValueFactory = _ => 0 };
        var caOut = new Option<FileInfo>("--ca-out")
        {
            Description = "Where to write the PEM CA certificate clients must trust",
            DefaultValueFactory = _ => new FileInfo(Path.Combine(Path.GetTempPath(), "kw-load-baseline-ca.pem")),
        };
        var command = new Command("baseline", "Serve a canned allowing AdmissionReview over HTTPS: the machine's HTTP ceiling") { port, caOut };
        command.SetAction(async (parsed, cancellationToken) =>
        {
            var caFile = parsed.GetValue(caOut)!.FullName;
            await using var server = await BaselineServer.StartAsync(parsed.GetValue(port), caFile, cancellationToken);
            await Console.Out.WriteLineAsync($"baseline listening on {server.Url} (HTTP/1.1 and HTTP/2; CA: {caFile}); Ctrl+C stops it");
            try
            {
                await Task.Delay(Timeout.Infinite, cancellationToken);
            }
            catch (OperationCanceledException)
            {
            }

            return 0;
        });
        return command;
    }
}
