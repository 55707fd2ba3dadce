namespace Kubewarden.Evaluation.Benchmarks;

/// <summary>The corpus TinyGo policy (safe-labels) and its Ingress fixture, read from ../shared/corpus.</summary>
internal static class CorpusPolicy
{
    public static byte[] Module => File.ReadAllBytes(Path.Combine(Folder, "annotated-policy.wasm"));

    public static byte[] IngressRequest => File.ReadAllBytes(Path.Combine(Folder, "fixtures", "ingress.json"));

    /// <summary>The corpus Javy (QuickJS) WASI policy, annotated build.</summary>
    public static byte[] JavyModule => File.ReadAllBytes(Path.Combine(Folder, "..", "js-demo-policy-javy-wasi", "annotated-policy.wasm"));

    /// <summary>An unprivileged pod the Javy policy accepts.</summary>
    public static byte[] JavyRequest => File.ReadAllBytes(Path.Combine(Folder, "..", "js-demo-policy-javy-wasi", "fixtures", "no_privileged_containers.json"));

    /// <summary>The corpus Gatekeeper policy that always rejects (annotated: executionMode gatekeeper).</summary>
    public static byte[] GatekeeperModule => File.ReadAllBytes(Path.Combine(Folder, "..", "gatekeeper-always-unhappy", "gatekeeper_always_unhappy_policy.wasm"));

    /// <summary>A pod in namespace <c>default</c> (a complete AdmissionReview, 5 KB).</summary>
    public static byte[] PodReview => File.ReadAllBytes(Path.Combine(Folder, "..", "gatekeeper-always-unhappy", "fixtures", "pod_without_privileged_containers.review.json"));

    /// <summary>The corpus OPA-mode policy (unannotated: load it with executionMode opa).</summary>
    public static byte[] OpaModule => File.ReadAllBytes(Path.Combine(Folder, "..", "opa-no-default-namespace", "no-default-namespace-rego.wasm"));

    private static string Folder
    {
        get
        {
            var root = Environment.GetEnvironmentVariable("KUBEWARDEN_CORPUS");
            for (var directory = new DirectoryInfo(AppContext.BaseDirectory); root is null && directory is not null; directory = directory.Parent)
            {
                if (File.Exists(Path.Combine(directory.FullName, "Kubewarden.sln")))
                {
                    root = Path.Combine(directory.FullName, "..", "shared", "corpus");
                }
            }

            var folder = Path.Combine(root ?? ".", "safe-labels-tinygo-wapc");
            return Directory.Exists(folder)
                ? folder
                : throw new DirectoryNotFoundException($"the corpus folder {folder} is missing; set KUBEWARDEN_CORPUS to the shared corpus");
        }
    }
}
