using System.CommandLine;

// kw-load: load tests of a policy-server's hot path (ours or Kubewarden's: same routes). Commands are added by the
// parts of the harness: run, suite, soak, bench, baseline.
var root = new RootCommand("Load tests of a Kubewarden policy-server's admission endpoints");
root.Subcommands.Add(Kubewarden.LoadTests.Targets.BaselineCommand.Create());
root.Subcommands.Add(Kubewarden.LoadTests.Bench.BenchCommand.Create());
return await root.Parse(args).InvokeAsync();
