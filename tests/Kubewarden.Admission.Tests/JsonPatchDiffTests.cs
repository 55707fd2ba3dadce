using System.Text.Json;
using static Kubewarden.Admission.Tests.Json;

namespace Kubewarden.Admission.Tests;

public sealed class JsonPatchDiffTests
{
    private static string? Diff(string from, string to)
    {
        var patch = JsonPatchDiff.Create(Element(from), Element(to));
        return patch is null ? null : Text(patch);
    }

    [Fact]
    public void Create_EqualDocuments_ReturnsNull()
    {
        Assert.Null(Diff("""{"a":[1,{"b":"x"}],"c":null,"d":true}""", """{"d":true,"c":null,"a":[1,{"b":"x"}]}"""));
    }

    [Fact]
    public void Create_ReplaceScalar_WritesReplace()
    {
        Assert.Equal(
            """[{"op":"replace","path":"/spec/replicas","value":3}]""",
            Diff("""{"spec":{"replicas":1}}""", """{"spec":{"replicas":3}}"""));
    }

    [Fact]
    public void Create_ObjectKeys_RemovesAndRecursesInSortedOrderThenAdds()
    {
        Assert.Equal(
            """[{"op":"remove","path":"/a"},{"op":"replace","path":"/c","value":2},{"op":"remove","path":"/d"},{"op":"add","path":"/b","value":{"x":1,"y":2}},{"op":"add","path":"/e","value":"new"}]""",
            Diff("""{"d":0,"c":1,"a":0}""", """{"e":"new","c":2,"b":{"y":2,"x":1}}"""));
    }

    [Fact]
    public void Create_ArrayShrink_RemovesAtFirstSurplusIndex()
    {
        Assert.Equal(
            """[{"op":"remove","path":"/1"},{"op":"remove","path":"/1"}]""",
            Diff("[1,2,3]", "[1]"));
    }

    [Fact]
    public void Create_ArrayGrow_AddsAtEachIndex()
    {
        Assert.Equal(
            """[{"op":"add","path":"/3","value":4},{"op":"add","path":"/4","value":{"a":1,"b":2}}]""",
            Diff("[1,2,3]", """[1,2,3,4,{"b":2,"a":1}]"""));
    }

    [Fact]
    public void Create_ArrayCommonIndices_Recurse()
    {
        Assert.Equal(
            """[{"op":"replace","path":"/0","value":9},{"op":"remove","path":"/1/k"},{"op":"add","path":"/2","value":true}]""",
            Diff("""[0,{"k":1}]""", """[9,{},true]"""));
    }

    [Fact]
    public void Create_NestedMutation_ProducesExpectedPatch()
    {
        const string from = """
            {"apiVersion":"v1","kind":"Pod","metadata":{"name":"nginx","labels":{"app":"nginx"}},
             "spec":{"containers":[{"name":"nginx","image":"nginx:1.0","securityContext":{"privileged":true}}]}}
            """;
        const string to = """
            {"apiVersion":"v1","kind":"Pod","metadata":{"name":"nginx","labels":{"app":"nginx","owner":"team-a"},"annotations":{"mutated":"yes"}},
             "spec":{"containers":[{"name":"nginx","image":"nginx:1.1","securityContext":{}}]}}
            """;

        Assert.Equal(
            """[{"op":"add","path":"/metadata/labels/owner","value":"team-a"},{"op":"add","path":"/metadata/annotations","value":{"mutated":"yes"}},{"op":"replace","path":"/spec/containers/0/image","value":"nginx:1.1"},{"op":"remove","path":"/spec/containers/0/securityContext/privileged"}]""",
            Diff(from, to));
    }

    [Fact]
    public void Create_KeysWithSlashAndTilde_AreEscaped()
    {
        Assert.Equal(
            """[{"op":"replace","path":"/metadata/annotations/example.com~1a~0b","value":"2"},{"op":"add","path":"/metadata/annotations/x~1y","value":"1"}]""",
            Diff(
                """{"metadata":{"annotations":{"example.com/a~b":"1"}}}""",
                """{"metadata":{"annotations":{"example.com/a~b":"2","x/y":"1"}}}"""));
    }

    [Fact]
    public void Create_TypeChange_WritesReplaceWithSortedValue()
    {
        Assert.Equal(
            """[{"op":"replace","path":"/a","value":{"x":[1],"y":null}}]""",
            Diff("""{"a":[1,2]}""", """{"a":{"y":null,"x":[1]}}"""));
    }

    [Fact]
    public void Create_RootTypeChange_ReplacesWholeDocument()
    {
        Assert.Equal("""[{"op":"replace","path":"","value":[]}]""", Diff("{}", "[]"));
    }

    [Fact]
    public void Create_IntegerVersusFloat_AreDifferent()
    {
        Assert.Equal("""[{"op":"replace","path":"/n","value":1.0}]""", Diff("""{"n":1}""", """{"n":1.0}"""));
    }

    [Fact]
    public void Create_SameNumberDifferentSpelling_AreEqual()
    {
        Assert.Null(Diff("""{"f":1.0,"e":100.0,"i":5}""", """{"f":1.00,"e":1e2,"i":5}"""));
    }

    [Fact]
    public void Create_BooleanFlip_WritesReplace()
    {
        Assert.Equal("""[{"op":"replace","path":"/b","value":false}]""", Diff("""{"b":true}""", """{"b":false}"""));
    }

    [Fact]
    public void Create_EscapedStringsWithSameValue_AreEqual()
    {
        Assert.Null(Diff("""{"s":"a\u0062"}""", """{"s":"ab"}"""));
    }

    [Fact]
    public void Create_ProducedPatch_IsValidJsonArrayWithOpPathValueOrder()
    {
        var patch = JsonPatchDiff.Create(Element("""{"a":1}"""), Element("""{"a":2,"b":[true]}"""));

        Assert.NotNull(patch);
        using var document = JsonDocument.Parse(patch);
        var names = document.RootElement.EnumerateArray()
            .Select(op => string.Join(',', op.EnumerateObject().Select(p => p.Name)))
            .ToArray();
        Assert.Equal(["op,path,value", "op,path,value"], names);
        Assert.Equal("W3sib3AiOiJyZXBsYWNlIiwicGF0aCI6Ii9hIiwidmFsdWUiOjJ9LHsib3AiOiJhZGQiLCJwYXRoIjoiL2IiLCJ2YWx1ZSI6W3RydWVdfV0=", JsonPatchDiff.ToBase64(patch));
    }
}
