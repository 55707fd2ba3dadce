namespace Kubewarden.LoadTests.Targets;

/// <summary>How to start our policy-server as a child process.</summary>
/// <param name="PoliciesFile">The policies.yml to serve.</param>
internal sealed record PolicyServerLaunch(string PoliciesFile)
{
    /// <summary><c>--engine</c>: <c>wasmtime</c> or <c>v8</c>.</summary>
    public string Engine { get; init; } = "wasmtime";

    /// <summary><c>--workers</c>; null leaves the server's default (the number of CPUs).</summary>
    public int? Workers { get; init; }

    /// <summary><c>--always-accept-admission-reviews-on-namespace</c>; null: none.</summary>
    public string? AlwaysAcceptNamespace { get; init; }

    /// <summary>The policy-server.dll to run; null: the repository's Release build.</summary>
    public string? ServerDll { get; init; }

    /// <summary>How long the server may take to answer <c>GET /readiness</c> with 200.</summary>
    public TimeSpan ReadinessTimeout { get; init; } = TimeSpan.FromSeconds(60);
}
