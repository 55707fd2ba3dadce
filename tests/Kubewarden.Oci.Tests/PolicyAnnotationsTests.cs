namespace Kubewarden.Oci.Tests;

public sealed class PolicyAnnotationsTests
{
    [Fact]
    public void KeepsSingleLineValuesTrimmedAndCopiesTheSource()
    {
        var module = TestPolicies.ModuleWithMetadata("""
            {"annotations":{
              "io.kubewarden.policy.title":"  title  ",
              "io.kubewarden.policy.usage":"line one\nline two",
              "io.kubewarden.policy.url":"https://example.com\n",
              "io.kubewarden.policy.source":"https://github.com/org/policy"
            }}
            """);

        var annotations = PolicyAnnotations.Read(module);

        Assert.Equal("title", annotations["io.kubewarden.policy.title"]);
        Assert.False(annotations.ContainsKey("io.kubewarden.policy.usage"));
        Assert.Equal("https://example.com", annotations["io.kubewarden.policy.url"]);
        Assert.Equal("https://github.com/org/policy", annotations["org.opencontainers.image.source"]);
    }

    [Fact]
    public void AnExplicitImageSourceWins()
    {
        var module = TestPolicies.ModuleWithMetadata(
            """{"annotations":{"io.kubewarden.policy.source":"a","org.opencontainers.image.source":"b"}}""");

        Assert.Equal("b", PolicyAnnotations.Read(module)["org.opencontainers.image.source"]);
    }

    [Fact]
    public void ModulesWithoutMetadataHaveNoAnnotations()
    {
        Assert.Empty(PolicyAnnotations.Read(new byte[] { 0x00, 0x61, 0x73, 0x6D, 0x01, 0x00, 0x00, 0x00 }));
    }

    [Fact]
    public void NonWasmIsRejected()
    {
        Assert.Throws<ArgumentException>(() => PolicyAnnotations.Read("not wasm"u8.ToArray()));
    }
}
