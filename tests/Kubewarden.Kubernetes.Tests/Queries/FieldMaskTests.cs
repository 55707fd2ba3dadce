using System.Buffers;
using System.Text;
using System.Text.Json;
using Kubewarden.Kubernetes.Queries;

namespace Kubewarden.Kubernetes.Tests.Queries;

public sealed class FieldMaskTests
{
    private const string Pod = """
        {"apiVersion":"v1","kind":"Pod","metadata":{"name":"web","labels":{"app":"web"}},
         "spec":{"nodeName":"n1","containers":[{"name":"a","image":"nginx","ports":[{"containerPort":80,"protocol":"TCP"}]},
                                               {"name":"b","image":"redis"}]},
         "status":{"phase":"Running"}}
        """;

    [Theory]
    [InlineData(new[] { "spec.containers.image" },
        """{"apiVersion":"v1","kind":"Pod","metadata":{"name":"web","labels":{"app":"web"}},"spec":{"containers":[{"image":"nginx"},{"image":"redis"}]}}""")]
    [InlineData(new[] { "spec.containers.ports.containerPort", "status" },
        """{"apiVersion":"v1","kind":"Pod","metadata":{"name":"web","labels":{"app":"web"}},"spec":{"containers":[{"ports":[{"containerPort":80}]},{}]},"status":{"phase":"Running"}}""")]
    [InlineData(new[] { "spec.nodeName", "spec" },
        """{"apiVersion":"v1","kind":"Pod","metadata":{"name":"web","labels":{"app":"web"}},"spec":{"nodeName":"n1","containers":[{"name":"a","image":"nginx","ports":[{"containerPort":80,"protocol":"TCP"}]},{"name":"b","image":"redis"}]}}""")]
    [InlineData(new[] { "metadata.name", "spec.missing" },
        """{"apiVersion":"v1","kind":"Pod","metadata":{"name":"web","labels":{"app":"web"}},"spec":{}}""")]
    public void Write_KeepsOnlyTheMaskedPaths_AndAlwaysMetadataApiVersionKind(string[] paths, string expected)
    {
        var mask = FieldMask.From(paths);

        Assert.NotNull(mask);
        Assert.Equal(expected, Masked(mask, Pod));
    }

    [Fact]
    public void From_NoPaths_IsNull()
    {
        Assert.Null(FieldMask.From(null));
        Assert.Null(FieldMask.From([]));
        Assert.Null(FieldMask.From(["", "  "]));
    }

    private static string Masked(FieldMask mask, string json)
    {
        using var document = JsonDocument.Parse(json);
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            mask.Write(writer, document.RootElement);
        }

        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }
}
