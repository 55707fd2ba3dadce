using System.CommandLine;
using Kubewarden.LoadTests.Bench;
using Kubewarden.LoadTests.Load;
using Kubewarden.LoadTests.Soak;
using Kubewarden.LoadTests.Suite;
using Kubewarden.LoadTests.Targets;

// kw-load: load tests of a policy-server's hot path (ours or Kubewarden's: same routes).
var root = new RootCommand("Load tests of a Kubewarden policy-server's admission endpoints");
root.Subcommands.Add(RunCommand.Create());
root.Subcommands.Add(BaselineCommand.Create());
root.Subcommands.Add(BenchCommand.Create());
root.Subcommands.Add(SuiteCommand.Create());
root.Subcommands.Add(SoakCommand.Create());
return await root.Parse(args).InvokeAsync();
