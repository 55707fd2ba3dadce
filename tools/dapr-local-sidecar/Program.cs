using System.Globalization;
using Kubewarden.Dapr.LocalSidecar;
using Kubewarden.Dapr.LocalSidecar.Components;
using Kubewarden.Hosting.CommandLine;
using Microsoft.Extensions.Logging;

// The local Dapr sidecar as a process of its own, so that several services run on one machine share one state store:
// start it, then give each service DAPR_GRPC_ENDPOINT=<the printed endpoint>. One workflow worker per sidecar.
CommandLineFlag[] flags =
[
    new() { Name = "port", ValueName = "PORT", Default = "50001", ConfigurationKey = "Port", Help = "TCP port on 127.0.0.1 (50001 is daprd's default gRPC port)" },
    new() { Name = "state-dir", ValueName = "DIR", ConfigurationKey = "StateDirectory", Help = "Keep state on disk under DIR (survives restarts); state is in memory without it" },
    new() { Name = "components", ValueName = "DIR", ConfigurationKey = "ComponentsDirectory", Help = "Dapr components folder declaring the state stores (default: the repository's components/)" },
];
var parsed = CommandLineParser.Parse(flags, args, new System.Collections.Hashtable());
if (parsed.HelpRequested || !parsed.Succeeded)
{
    Console.Error.WriteLine(string.Join(Environment.NewLine, parsed.Errors));
    Console.Error.WriteLine($"usage: dotnet run --project tools/dapr-local-sidecar -- [options]{Environment.NewLine}{CommandLineHelp.Render(flags)}");
    return parsed.HelpRequested ? 0 : 2;
}

if (!int.TryParse(parsed.Values["Port"], NumberStyles.None, CultureInfo.InvariantCulture, out var port) || port is < 1 or > 65535)
{
    Console.Error.WriteLine($"--port: `{parsed.Values["Port"]}` is not a TCP port number (1-65535)");
    return 2;
}

var components = parsed.Values.GetValueOrDefault("ComponentsDirectory") ?? DaprComponentFiles.FindRepositoryFolder(Directory.GetCurrentDirectory())
    ?? DaprComponentFiles.FindRepositoryFolder(AppContext.BaseDirectory);
if (components is null)
{
    Console.Error.WriteLine("--components: no Dapr components folder found; give the folder declaring the state stores");
    return 2;
}

using var loggerFactory = LoggerFactory.Create(logging => logging.AddSimpleConsole(o => o.SingleLine = true));
await using var sidecar = await LocalDaprSidecar.StartAsync(
    new LocalDaprSidecarOptions { Port = port, StateDirectory = parsed.Values.GetValueOrDefault("StateDirectory"), StateStores = DaprComponentFiles.StateStores(components) },
    loggerFactory);
Console.WriteLine($"Dapr local sidecar listening on {sidecar.Endpoint} ({sidecar.Description})");
Console.WriteLine($"Point services at it: DAPR_GRPC_ENDPOINT={sidecar.Endpoint}");
await sidecar.WaitForShutdownAsync();
return 0;
