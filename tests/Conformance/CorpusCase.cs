using System.Text.Json;

namespace Kubewarden.Conformance.Tests;

/// <summary>One case of a corpus <c>cases.json</c>, bound to one module file.</summary>
internal sealed record CorpusCase(string Folder, string Module, string Protocol, JsonElement Case)
{
    public string Id => Case.GetProperty("id").GetString()!;

    public string Operation => Case.GetProperty("operation").GetString()!;

    /// <summary>A stable name: <c>folder/module/case</c>.</summary>
    public string Name => $"{Path.GetFileName(Folder)}/{Module}/{Id}";

    public string PathOf(string relative) => Path.Combine(Folder, relative);

    public bool Has(string member) => Case.TryGetProperty(member, out _);

    public JsonElement? Get(string member) => Case.TryGetProperty(member, out var value) ? value : null;

    public JsonElement Expect => Case.TryGetProperty("expect", out var expect) ? expect : default;

    public string? ExpectString(string member) =>
        Expect.ValueKind == JsonValueKind.Object && Expect.TryGetProperty(member, out var value) ? value.GetString() : null;
}
