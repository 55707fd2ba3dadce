using System.Text;
using Kubewarden.Evaluation.Metadata;
using Kubewarden.Wasm.Binary;
using Wasmtime;

namespace Kubewarden.Evaluation.Tests;

/// <summary>The project's own test policies: WAT files under <c>Policies/</c>, compiled to modules with metadata.</summary>
internal static class TestPolicies
{
    // executionMode is written out as kwctl annotate does.

    /// <summary>Metadata of a valid waPC policy.</summary>
    public const string WapcMetadata = """{"protocolVersion":"v1","rules":[],"mutating":false,"executionMode":"kubewarden-wapc"}""";

    /// <summary>Metadata of a valid mutating waPC policy.</summary>
    public const string MutatingMetadata = """{"protocolVersion":"v1","rules":[],"mutating":true,"executionMode":"kubewarden-wapc"}""";

    /// <summary>Metadata of a valid WASI-mode policy.</summary>
    public const string WasiMetadata = """{"protocolVersion":"Unknown","rules":[],"mutating":false,"executionMode":"wasi"}""";

    /// <summary>The module of <c>Policies/<paramref name="name"/>.wat</c> without any metadata section.</summary>
    public static byte[] Bare(string name) =>
        Module.ConvertText(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Policies", name + ".wat")));

    /// <summary>The module of <c>Policies/<paramref name="name"/>.wat</c> with <paramref name="metadata"/> as its metadata section.</summary>
    public static byte[] Load(string name, string metadata = WapcMetadata) => WithMetadata(Bare(name), metadata);

    /// <summary>The module of inline WAT with <paramref name="metadata"/> as its metadata section.</summary>
    public static byte[] FromText(string wat, string metadata = WapcMetadata) => WithMetadata(Module.ConvertText(wat), metadata);

    /// <summary>Appends the <c>io.kubewarden.metadata</c> custom section.</summary>
    public static byte[] WithMetadata(byte[] module, string metadata) =>
        WasmCustomSection.Append(module, PolicyMetadataReader.SectionName, Encoding.UTF8.GetBytes(metadata));
}
