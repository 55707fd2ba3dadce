using System.Text;
using System.Text.Json;
using Kubewarden.Kubernetes.Store;

namespace Kubewarden.Kubernetes.Tests.Store;

public sealed class StoredObjectTests
{
    [Fact]
    public void From_ListItem_DropsManagedFieldsAndLastApplied_KeepsTheRest_AddsApiVersionAndKind()
    {
        const string item = """
            {"metadata":{"name":"settings","namespace":"team-a","labels":{"app":"web","tier":"front"},
              "annotations":{"kubectl.kubernetes.io/last-applied-configuration":"{\"big\":true}","owner":"alice"},
              "managedFields":[{"manager":"kubectl","operation":"Apply"}],"resourceVersion":"42"},
             "data":{"key":"value"}}
            """;

        var stored = From(item, "v1", "ConfigMap");

        Assert.Equal(
            """{"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"settings","namespace":"team-a","labels":{"app":"web","tier":"front"},"annotations":{"owner":"alice"},"resourceVersion":"42"},"data":{"key":"value"}}""",
            Encoding.UTF8.GetString(stored.Json.Span));
        Assert.Equal("team-a", stored.Namespace);
        Assert.Equal("settings", stored.Name);
        Assert.Equal("team-a/settings", stored.Key);
        Assert.Equal([KeyValuePair.Create("app", "web"), KeyValuePair.Create("tier", "front")], stored.Labels);
    }

    [Fact]
    public void From_ItemWithItsOwnApiVersionAndKind_WritesThemOnce()
    {
        var stored = From("""{"kind":"Namespace","apiVersion":"v1","metadata":{"name":"team-a"}}""", "v1", "Namespace");

        Assert.Equal("""{"apiVersion":"v1","kind":"Namespace","metadata":{"name":"team-a"}}""", Encoding.UTF8.GetString(stored.Json.Span));
        Assert.Equal(string.Empty, stored.Namespace);
        Assert.Equal("team-a", stored.Key);
    }

    [Theory]
    [InlineData("""{"metadata":{"name":"a","labels":null}}""")]
    [InlineData("""{"metadata":{"name":"a"}}""")]
    public void From_NoLabels_HasEmptyLabels(string item)
    {
        Assert.Empty(From(item, "v1", "ConfigMap").Labels);
    }

    [Fact]
    public void Compare_OrdersByNamespaceThenName()
    {
        StoredObject[] objects =
        [
            From("""{"metadata":{"name":"a","namespace":"ns-b"}}""", "v1", "ConfigMap"),
            From("""{"metadata":{"name":"b","namespace":"ns-a"}}""", "v1", "ConfigMap"),
            From("""{"metadata":{"name":"a","namespace":"ns-a"}}""", "v1", "ConfigMap"),
        ];

        Array.Sort(objects, StoredObject.Compare);

        Assert.Equal(["ns-a/a", "ns-a/b", "ns-b/a"], objects.Select(o => o.Key));
    }

    private static StoredObject From(string json, string apiVersion, string kind)
    {
        using var document = JsonDocument.Parse(json);
        return StoredObject.From(document.RootElement, apiVersion, kind);
    }
}
