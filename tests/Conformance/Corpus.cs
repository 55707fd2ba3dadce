using System.Text.Json;

namespace Kubewarden.Conformance.Tests;

/// <summary>
/// The shared corpus of real compiled policies: <c>../shared/corpus</c> next to the repository (or
/// <c>KUBEWARDEN_CORPUS</c>). Tests never copy it; when it is absent they say so and skip.
/// </summary>
internal static class Corpus
{
    public static readonly string? Root = Locate();

    public static string AbsentReason =>
        "the conformance corpus ../shared/corpus is not present next to the repository (set KUBEWARDEN_CORPUS to point at it)";

    /// <summary>Every case of every folder, one entry per (module, case); Javy cases run on both of their modules.</summary>
    public static IEnumerable<CorpusCase> Cases()
    {
        if (Root is null)
        {
            yield break;
        }

        foreach (var file in Directory.GetFiles(Root, "cases.json", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
        {
            var folder = Path.GetDirectoryName(file)!;
            using var document = JsonDocument.Parse(File.ReadAllBytes(file));
            var root = document.RootElement;
            var protocol = root.GetProperty("protocol").GetString()!;
            foreach (var testCase in root.GetProperty("cases").EnumerateArray())
            {
                foreach (var module in ModulesOf(folder, root, testCase))
                {
                    yield return new CorpusCase(folder, module, protocol, testCase.Clone());
                }
            }
        }
    }

    private static IEnumerable<string> ModulesOf(string folder, JsonElement root, JsonElement testCase)
    {
        if (testCase.TryGetProperty("module", out var module))
        {
            yield return module.GetString()!;
            yield break;
        }

        var declared = root.GetProperty("module").GetString()!;
        if (File.Exists(Path.Combine(folder, declared)))
        {
            yield return declared;
            yield break;
        }

        // "annotated-policy.wasm (policy.wasm is the same code without ...)": both binaries run every case.
        foreach (var candidate in Directory.GetFiles(folder, "*.wasm").Select(Path.GetFileName).Order(StringComparer.Ordinal))
        {
            yield return candidate!;
        }
    }

    private static string? Locate()
    {
        if (Environment.GetEnvironmentVariable("KUBEWARDEN_CORPUS") is { Length: > 0 } configured)
        {
            return Directory.Exists(configured) ? configured : null;
        }

        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "Kubewarden.sln")))
            {
                var corpus = Path.Combine(directory.FullName, "..", "shared", "corpus");
                return Directory.Exists(corpus) ? Path.GetFullPath(corpus) : null;
            }
        }

        return null;
    }
}
