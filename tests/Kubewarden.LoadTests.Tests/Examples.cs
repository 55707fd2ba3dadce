using Kubewarden.LoadTests.Targets;

namespace Kubewarden.LoadTests.Tests;

/// <summary>The repository's <c>examples/</c> folder: a policy, its policies.yml and two AdmissionReviews.</summary>
internal static class Examples
{
    public static string Folder { get; } = Path.Combine(PolicyServerLocator.RepositoryRoot(), "examples");

    public static string Policy => Path.Combine(Folder, "policies", "no-privileged-pods.wasm");

    public static string PolicyText => Path.Combine(Folder, "policies", "no-privileged-pods.wat");

    public static string Request(string name) => Path.Combine(Folder, "requests", name + ".json");

    /// <summary>examples/policies.yml with its module URLs made absolute, written to <paramref name="path"/>.</summary>
    public static void WritePolicies(string path) =>
        File.WriteAllText(path, File.ReadAllText(Path.Combine(Folder, "policies.yml")).Replace("@EXAMPLES@", Folder, StringComparison.Ordinal));
}
