using BenchmarkDotNet.Running;
using Kubewarden.Evaluation.Benchmarks;

if (args is ["rss", var engine])
{
    return RssProbe.Run(engine);
}

BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
return 0;
