using Kubewarden.LoadTests.Load;

namespace Kubewarden.LoadTests.Suite;

/// <summary>
/// One scenario on one target: its maximum throughput (closed loop), its latency at half of that (open loop) and, for
/// the headline policy, its latency at 1,000 req/s (open loop).
/// </summary>
internal sealed record ScenarioMeasurement(string Target, string Scenario, LoadResult MaxThroughput, LoadResult HalfLoad, LoadResult? AtThousand);
