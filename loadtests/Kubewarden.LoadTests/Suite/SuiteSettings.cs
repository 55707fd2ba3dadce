namespace Kubewarden.LoadTests.Suite;

/// <summary>How long and how hard the suite loads each scenario, and what it starts.</summary>
internal sealed record SuiteSettings(int Connections, TimeSpan Warmup, TimeSpan Duration, TimeSpan? Soak)
{
    /// <summary>The open-loop rate every headline target is also measured at.</summary>
    public const double ReferenceRate = 1000;

    /// <summary>The soak's rate as a fraction of the headline policy's maximum throughput.</summary>
    public const double SoakLoad = 0.8;

    /// <summary>Run order: the soak follows the last engine's scenarios, on the same server.</summary>
    public static IReadOnlyList<string> Engines { get; } = ["v8", "wasmtime"];

    public int Workers { get; init; } = 2;

    public TimeSpan SoakWarmup { get; init; } = TimeSpan.FromSeconds(5);

    public TimeSpan SampleInterval { get; init; } = TimeSpan.FromSeconds(5);

    public TimeSpan Timeout { get; init; } = TimeSpan.FromSeconds(5);
}
