namespace Kubewarden.LoadTests.Load;

/// <summary>One progress interval: successes and new errors in it, errors so far, and its p99 in milliseconds.</summary>
internal readonly record struct IntervalSnapshot(long Successes, long NewErrors, long TotalErrors, double P99);
